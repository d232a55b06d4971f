-- Content: changes to published posts, each reviewed before the live messages are edited; kept as the post's edit history.
create table content_revisions (
    id             bigserial primary key,
    post_id        bigint not null references content_posts (id) on delete cascade,
    community      text not null,
    author_id      text not null,
    title          text not null,
    body           text not null,
    tags           text[] not null,
    pin            boolean not null,
    state          text not null,
    reviewed_by    text null,
    reject_reason  text null,
    decided_at     timestamptz null,
    review_channel text null,
    review_message text null,
    created_at     timestamptz not null,
    version        int not null default 0
);
create index content_revisions_by_post on content_revisions (post_id, id desc);
-- At most one change per post waits for review.
create unique index content_revisions_one_pending on content_revisions (post_id) where state = 'pending';
