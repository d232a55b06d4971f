-- FAQ learning: a community's own synonyms, members' "Did you mean" picks, and a number for each unanswered
-- question so that staff can attach it to an entry.
create table faq_synonyms (
    community   text not null,
    key         text not null,
    word        text not null,
    canonical   text not null,
    created_by  text not null,
    created_at  timestamptz not null,
    primary key (community, key)
);

create table faq_choices (
    community   text not null,
    channel_id  text not null,
    message_id  text not null,
    user_id     text not null,
    entry_id    bigint not null references faq_entries (id) on delete cascade,
    at          timestamptz not null,
    primary key (community, channel_id, message_id, user_id)
);
create index faq_choices_by_entry on faq_choices (entry_id);

alter table faq_gaps add column id bigserial;
create unique index faq_gaps_by_id on faq_gaps (id);
