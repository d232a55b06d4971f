-- Web dashboard: one-time sign-in links and browser sessions. Only SHA-256 hashes of their secrets are kept.
create table dashboard_links (
    token_hash  text primary key,
    community   text not null,
    user_id     text not null,
    member      jsonb not null,
    expires_at  timestamptz not null,
    used_at     timestamptz null
);
create index dashboard_links_by_expiry on dashboard_links (expires_at);

create table dashboard_sessions (
    id           bigserial primary key,
    secret_hash  text not null unique,
    community    text not null,
    user_id      text not null,
    member       jsonb not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz null
);
create index dashboard_sessions_by_member on dashboard_sessions (community, user_id);
