-- The staff roles a member's platform standing gave them when last seen (admin, owner, mapped roles): rank checks
-- need them when the member is a command's target. Only staff have a row.
create table staff_platform_roles (
    community text not null,
    user_id   text not null,
    roles     text[] not null,
    seen_at   timestamptz not null,
    primary key (community, user_id)
);
