-- Community satisfaction surveys: the schedule, each round posted, and members' 1–5 answers with an optional comment.
create table survey_schedules (
    community  text primary key,
    channel_id text not null,
    every_days int not null,
    set_by     text not null
);

create table surveys (
    id         bigserial primary key,
    community  text not null,
    channel_id text not null,
    started_at timestamptz not null,
    closes_at  timestamptz not null
);

create table survey_responses (
    survey_id bigint not null references surveys (id) on delete cascade,
    community text not null,
    user_id   text not null,
    rating    smallint not null check (rating between 1 and 5),
    comment   text null,
    at        timestamptz not null,
    primary key (survey_id, user_id)
);
create index survey_responses_by_day on survey_responses (community, at);
create index survey_responses_by_member on survey_responses (community, user_id, at desc);
