-- Content: posts from draft to publication, and each published message (for later edit or removal).
create table content_posts (
    id              bigserial primary key,
    community       text not null,
    author_id       text not null,
    title           text not null,
    body            text not null,
    tags            text[] not null,
    channels        text[] not null,
    state           text not null,
    pin             boolean not null default false,
    repeat          text null,
    requested_when  text null,
    scheduled_for   timestamptz null,
    reviewed_by     text null,
    reject_reason   text null,
    last_occurrence timestamptz null,
    review_channel  text null,
    review_message  text null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null default now(),
    version         int not null default 0
);
create index content_posts_by_state on content_posts (community, state, id desc);

create table content_publications (
    post_id       bigint not null references content_posts (id) on delete cascade,
    occurrence    timestamptz not null,
    channel_id    text not null,
    message_id    text not null,
    published_at  timestamptz not null,
    primary key (post_id, occurrence, channel_id)
);
