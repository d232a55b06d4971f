-- Invites: personal links, pending link requests, and each attributed join on its way to a reward.
create table invite_links (
    community   text not null,
    code        text not null,
    url         text not null,
    user_id     text not null,
    created_at  timestamptz not null,
    primary key (community, code)
);
create index invite_links_by_owner on invite_links (community, user_id, created_at desc);

create table invite_requests (
    correlation    text primary key,
    community      text not null,
    user_id        text not null,
    channel_id     text not null,
    message_id     text null,
    interaction_id text null,
    thread_id      text null,
    created_at     timestamptz not null default now()
);

create table invite_joins (
    id           bigserial primary key,
    community    text not null,
    user_id      text not null,
    display_name text not null,
    code         text not null,
    inviter_id   text not null,
    joined_at    timestamptz not null,
    certain      boolean not null,
    status       text not null,
    messages     int not null default 0,
    left_at      timestamptz null,
    decided_at   timestamptz null
);
create index invite_joins_by_user on invite_joins (community, user_id);
create index invite_joins_by_inviter on invite_joins (community, inviter_id);
create index invite_joins_by_code on invite_joins (community, code);
