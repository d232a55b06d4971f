-- Tiering: standings (each part decayed to score_at), the credit ledger, counted reactions, per-community settings, nominations.
create table tier_members (
    community        text not null,
    user_id          text not null,
    activity         double precision not null default 0,
    contribution     double precision not null default 0,
    spending         double precision not null default 0,
    score_at         timestamptz not null,
    tier             smallint not null default 0,
    below_since      timestamptz null,
    tier_changed_at  timestamptz null,
    last_message_at  timestamptz null,
    last_message_hash bigint null,
    primary key (community, user_id)
);

create table tier_ledger (
    id          bigserial primary key,
    community   text not null,
    user_id     text not null,
    at          timestamptz not null,
    kind        text not null,
    points      double precision not null,
    actor_id    text null,
    reference   text null,
    note        text null
);
create index tier_ledger_given on tier_ledger (community, actor_id, kind, at) where actor_id is not null;
create index tier_ledger_by_user on tier_ledger (community, user_id, at);
-- A referenced credit (an import row's order id, an invitation, an event entry) counts once.
create unique index tier_ledger_reference on tier_ledger (community, reference) where reference is not null;

create table tier_reactions (
    community   text not null,
    channel_id  text not null,
    message_id  text not null,
    by_id       text not null,
    at          timestamptz not null,
    primary key (community, channel_id, message_id, by_id)
);
create index tier_reactions_by on tier_reactions (community, by_id, at);

create table tier_communities (
    community        text primary key,
    active           double precision not null,
    core             double precision not null,
    leader           double precision not null,
    announce_channel text null,
    recompute_scheduled boolean not null default false
);

create table tier_nominations (
    id          bigserial primary key,
    community   text not null,
    user_id     text not null,
    score       double precision not null,
    status      text not null,
    created_at  timestamptz not null,
    decided_by  text null,
    decided_at  timestamptz null
);
create unique index tier_nominations_pending on tier_nominations (community, user_id) where status = 'pending';
create index tier_nominations_by_user on tier_nominations (community, user_id, decided_at);
