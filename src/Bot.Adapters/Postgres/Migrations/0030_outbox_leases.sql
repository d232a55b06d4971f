-- Outbox leases: a row is executed only by the process holding an unexpired lease on it, and the replayer takes only
-- rows whose lease has run out (their owner died, or a retry's back-off is over). Rows from before leases are free.
alter table outbox
    add column lease_owner text null,
    add column lease_until timestamptz not null default '-infinity',
    add column community text null;
drop index outbox_pending;
create index outbox_due on outbox (lease_until) where done_at is null;

-- Actions that failed for good (refused by the platform, or out of attempts), kept for staff to see and retry.
create table dead_letters (
    id          bigint primary key,
    event_id    text not null,
    platform    text not null,
    community   text not null,
    action      jsonb not null,
    reason      text not null,
    attempts    int not null,
    created_at  timestamptz not null,
    failed_at   timestamptz not null default now()
);
create index dead_letters_by_community on dead_letters (community, failed_at desc);

-- Platform updates that failed outside feature isolation again and again: set aside so the stream goes on.
create table poison_updates (
    source      text not null,
    update_id   text not null,
    community   text null,
    payload     text not null,
    reason      text not null,
    failures    int not null,
    set_aside_at timestamptz not null default now(),
    primary key (source, update_id)
);
