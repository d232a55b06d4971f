-- Content: reactions and replies to published posts' messages, for engagement per post.
create table content_engagement (
    community   text not null,
    post_id     bigint not null references content_posts (id) on delete cascade,
    occurrence  timestamptz not null,
    channel_id  text not null,
    message_id  text not null,
    kind        text not null check (kind in ('reaction', 'reply')),
    user_id     text not null,
    key         text not null,
    at          timestamptz not null,
    primary key (community, channel_id, message_id, kind, user_id, key)
);
create index content_engagement_by_post on content_engagement (post_id, occurrence);

-- A reaction or reply names the message it targets: find the publication from it.
create index content_publications_by_message on content_publications (channel_id, message_id);
-- The roll-up reads publications by time.
create index content_publications_by_time on content_publications (published_at);
