-- Welcome text and the verification switch per community; newcomers waiting to press their "I agree" button.
create table verification_settings (
    community text primary key,
    welcome   text null,
    enabled   boolean not null default false
);

create table verification_newcomers (
    community    text not null,
    user_id      text not null,
    joined_at    timestamptz not null,
    verified_at  timestamptz null,
    verified_by  text null,
    explained    boolean not null default false,
    rules_version int not null default 0,
    primary key (community, user_id)
);
