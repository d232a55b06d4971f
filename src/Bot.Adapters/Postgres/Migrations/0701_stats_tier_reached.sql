-- Stats: when each member first reached the active tier or above, for the conversion funnel. Tiering keeps only the
-- current tier; a trigger records the first rise from every path that writes tiers (per message, recomputation).
create table stats_tier_reached (
    community   text not null,
    user_id     text not null,
    reached_at  timestamptz not null,
    primary key (community, user_id)
);

create function stats_record_tier_reached() returns trigger language plpgsql as $$
begin
    insert into stats_tier_reached (community, user_id, reached_at)
    values (new.community, new.user_id, coalesce(new.tier_changed_at, new.score_at))
    on conflict (community, user_id) do nothing;
    return new;
end $$;

create trigger tier_members_reached_insert after insert on tier_members
    for each row when (new.tier >= 1) execute function stats_record_tier_reached();
create trigger tier_members_reached_update after update of tier on tier_members
    for each row when (new.tier >= 1 and old.tier < 1) execute function stats_record_tier_reached();

-- Members already at the active tier or above: the last tier change is the best time known.
insert into stats_tier_reached (community, user_id, reached_at)
select community, user_id, coalesce(tier_changed_at, score_at) from tier_members where tier >= 1;

-- Invite cohorts and the qualified count read invite joins by time.
create index invite_joins_by_joined on invite_joins (community, joined_at);
create index invite_joins_by_decided on invite_joins (community, decided_at) where decided_at is not null;
