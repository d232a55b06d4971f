-- Polls: one button per option, one vote per member (changeable), results kept.
create table polls (
    id         bigserial primary key,
    community  text not null,
    question   text not null,
    options    text[] not null,
    created_by text not null,
    channel_id text not null,
    message_id text null,
    created_at timestamptz not null,
    closes_at  timestamptz not null,
    closed_at  timestamptz null
);
create index polls_by_community on polls (community, id);

create table poll_votes (
    poll_id   bigint not null references polls (id) on delete cascade,
    community text not null,
    user_id   text not null,
    option    int not null,
    at        timestamptz not null,
    primary key (poll_id, user_id)
);
create index poll_votes_by_day on poll_votes (community, at);
