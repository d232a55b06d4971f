-- Telegram adapter state: the polling offset, the groups the bot is in, and what Telegram itself cannot hold.

-- The next update_id to ask getUpdates for; advanced only after the updates before it are committed.
create table telegram_offsets (
    bot_id bigint primary key,
    next_update_id bigint not null,
    updated_at timestamptz not null
);

-- Groups the bot has been in; a private chat belongs to the only one still joined (unless configured).
create table telegram_groups (
    chat_id bigint primary key,
    title text not null,
    first_seen timestamptz not null,
    left_at timestamptz
);

-- Telegram has no roles: GrantRole/RevokeRole are kept here (tiers, "verified").
create table telegram_roles (
    community text not null,
    user_id text not null,
    role text not null,
    granted_at timestamptz not null,
    reason text not null,
    primary key (community, user_id, role)
);

-- Raid mode (RestrictNewMembers): new joiners are restricted until they press the check button.
create table telegram_new_member_checks (
    community text primary key,
    enabled boolean not null,
    changed_at timestamptz not null
);
