-- FAQ: entries with their phrasings, members' feedback, unanswered questions, channel switches, the answer cooldown.
create sequence faq_revision;

create table faq_revisions (
    community   text primary key,
    revision    bigint not null
);

create table faq_entries (
    id          bigserial primary key,
    community   text not null,
    questions   text[] not null,
    answer      text not null,
    tags        text[] not null default '{}',
    created_by  text not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index faq_entries_by_community on faq_entries (community, id);

create table faq_feedback (
    community   text not null,
    entry_id    bigint not null references faq_entries (id) on delete cascade,
    user_id     text not null,
    helpful     boolean not null,
    at          timestamptz not null,
    primary key (entry_id, user_id)
);

create table faq_gaps (
    community   text not null,
    key         text not null,
    sample      text not null,
    count       int not null,
    first_at    timestamptz not null,
    last_at     timestamptz not null,
    primary key (community, key)
);
create index faq_gaps_by_count on faq_gaps (community, count desc);

create table faq_channels (
    community   text not null,
    channel_id  text not null,
    enabled     boolean not null,
    primary key (community, channel_id)
);

create table faq_answered (
    community   text not null,
    channel_id  text not null,
    entry_id    bigint not null,
    at          timestamptz not null,
    primary key (community, channel_id, entry_id)
);
