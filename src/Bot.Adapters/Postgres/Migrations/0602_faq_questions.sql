-- FAQ: every member question the FAQ saw, answered or not, for the daily answer rate.
create table faq_questions (
    community   text not null,
    channel_id  text not null,
    message_id  text not null,
    user_id     text not null,
    at          timestamptz not null,
    entry_id    bigint null,
    answered    boolean not null,
    primary key (community, channel_id, message_id)
);
create index faq_questions_by_time on faq_questions (community, at);
