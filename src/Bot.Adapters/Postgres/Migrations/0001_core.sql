-- Core: communities, members, messages, staff, audit, and the pipeline's dedupe table and outbox.
create table communities (
    community   text primary key,
    language    text not null,
    time_zone   text not null,
    staff_channel text null,
    help_channel  text null,
    updated_at  timestamptz not null default now()
);

create table members (
    community     text not null,
    user_id       text not null,
    display_name  text not null,
    username      text null,
    first_seen    timestamptz not null,
    last_seen     timestamptz not null,
    joined_at     timestamptz null,
    left_at       timestamptz null,
    account_created_at timestamptz null,
    primary key (community, user_id)
);
create index members_username on members (community, lower(username));
create index members_display_name on members (community, lower(display_name));

create table messages (
    community   text not null,
    channel_id  text not null,
    message_id  text not null,
    user_id     text not null,
    at          timestamptz not null,
    text        text null,
    length      int not null,
    primary key (community, channel_id, message_id)
);
create index messages_by_time on messages (community, at);
create index messages_by_user on messages (community, user_id, at);

create table staff_grants (
    community   text not null,
    user_id     text not null,
    role        text not null,
    granted_by  text not null,
    granted_at  timestamptz not null default now(),
    primary key (community, user_id, role)
);

create table audit_log (
    id          bigserial primary key,
    community   text not null,
    at          timestamptz not null,
    actor_id    text null,
    action      text not null,
    target_id   text null,
    source      text not null,
    reason      text not null
);
create index audit_log_by_community on audit_log (community, at desc);

-- Every processed platform event id: a second delivery of the same id is dropped.
create table processed_events (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);

-- Actions decided and committed with their state; executed afterwards, replayed on start if not done.
create table outbox (
    id          bigserial primary key,
    event_id    text not null,
    platform    text not null,
    action      jsonb not null,
    created_at  timestamptz not null default now(),
    done_at     timestamptz null,
    attempts    int not null default 0,
    last_error  text null
);
create index outbox_pending on outbox (id) where done_at is null;
