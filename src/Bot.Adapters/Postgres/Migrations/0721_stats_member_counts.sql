-- Stats: the member count the platform reports (Telegram getChatMemberCount summed over the community's member chats,
-- a Discord guild's member count), asked for on each hourly stats tick. A day's members figure is the last count
-- within it; a day without one falls back to the members the bot has seen.
create table stats_member_counts (
    community  text not null,
    at         timestamptz not null,
    members    bigint not null check (members >= 0),
    primary key (community, at)
);
