-- The suggestion box: members' suggestions, their topic (熱點問題 are counted by it) and staff's decision.
create table suggestions (
    id           bigserial primary key,
    community    text not null,
    user_id      text not null,
    text         text not null,
    topic        text not null,
    status       text not null default 'open',
    created_at   timestamptz not null,
    decided_by   text null,
    decided_at   timestamptz null
);
create index suggestions_by_day on suggestions (community, created_at);
