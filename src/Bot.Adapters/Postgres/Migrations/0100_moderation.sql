-- Moderation: rules, infractions, appeals, the escalation ladder, raid state, and the spam classifier's counts.
create table moderation_rules (
    id              bigserial primary key,
    community       text not null,
    kind            text not null,
    pattern         text not null,
    action          text not null,
    mode            text not null,
    exempt_roles    text[] not null default '{}',
    exempt_tiers    text[] not null default '{}',
    exempt_channels text[] not null default '{}',
    created_by      text not null,
    created_at      timestamptz not null
);
create index moderation_rules_by_community on moderation_rules (community, id);

create table moderation_infractions (
    id           bigserial primary key,
    community    text not null,
    user_id      text not null,
    action       text not null,
    points       int not null,
    source       text not null,
    reason       text not null,
    excerpt      text null,
    moderator_id text null,
    at           timestamptz not null,
    expires_at   timestamptz null,
    pardoned_at  timestamptz null,
    pardoned_by  text null
);
create index moderation_infractions_by_user on moderation_infractions (community, user_id, at desc);

create table moderation_appeals (
    id            bigserial primary key,
    community     text not null,
    infraction_id bigint not null references moderation_infractions (id),
    user_id       text not null,
    text          text not null,
    at            timestamptz not null,
    status        text not null,
    decided_by    text null,
    decided_at    timestamptz null,
    unique (community, infraction_id)
);

create table moderation_settings (
    community text primary key,
    ladder    text null
);

create table moderation_raid (
    community       text primary key,
    active          boolean not null,
    baseline        double precision not null,
    minute_start    timestamptz null,
    joins_this      int not null,
    joins_last      int not null,
    active_since    timestamptz null,
    last_burst_at   timestamptz null
);

create table moderation_spam_docs (
    community text primary key,
    spam      int not null default 0,
    ham       int not null default 0
);

create table moderation_spam_tokens (
    community text not null,
    token     text not null,
    spam      int not null default 0,
    ham       int not null default 0,
    primary key (community, token)
);
