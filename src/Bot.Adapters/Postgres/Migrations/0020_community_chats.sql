-- A community is a set of chats: besides the chat it is named after, linked ones (a second group, a separate
-- staff group, an announcement channel). A chat belongs to one community at most.
create table community_chats (
    platform   text not null,
    chat_id    text not null,
    community  text not null,
    role       text not null check (role in ('member', 'staff', 'announcement')),
    title      text not null,
    linked_by  text not null,
    linked_at  timestamptz not null,
    primary key (platform, chat_id)
);
create index community_chats_by_community on community_chats (community);
