-- Discord adapter state that must survive a restart: the verification level a raid raised (to restore it), and the
-- last look at each guild's invites (to attribute joins delivered after a restart).
create table discord_raid_levels (
    guild_id  text primary key,
    level     int not null,
    saved_at  timestamptz not null
);

create table discord_invite_snapshots (
    guild_id  text primary key,
    invites   jsonb not null,
    saved_at  timestamptz not null
);
