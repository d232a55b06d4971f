-- Tickets: one row per ticket, its transcript line by line.
create table tickets (
    id                  bigserial primary key,
    community           text not null,
    user_id             text not null,
    member_name         text not null,
    kind                text not null,
    status              text not null,
    subject             text not null,
    opened_at           timestamptz not null,
    thread_id           text null,
    assignee_id         text null,
    first_response_at   timestamptz null,
    closed_at           timestamptz null,
    closed_by           text null,
    close_reason        text null,
    rating              int null check (rating between 1 and 5),
    escalated_at        timestamptz null,
    acting_moderator_id text null,
    case_ref            text null,
    decision            text null
);
-- One open ticket per member and kind.
create unique index tickets_one_open on tickets (community, user_id, kind) where status in ('opening', 'open');
create index tickets_by_thread on tickets (community, thread_id) where thread_id is not null;
create index tickets_by_member on tickets (community, user_id, opened_at desc);
create index tickets_open_by_user on tickets (user_id) where status in ('opening', 'open');

create table ticket_messages (
    id          bigserial primary key,
    community   text not null,
    ticket_id   bigint not null references tickets (id) on delete cascade,
    at          timestamptz not null,
    author_id   text not null,
    author_name text not null,
    kind        text not null,
    text        text not null,
    relayed     boolean not null
);
create index ticket_messages_by_ticket on ticket_messages (ticket_id, id);
