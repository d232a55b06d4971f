-- Engagement: giveaways with a committed seed, meetups with RSVPs, attendance and ratings, contests with entries and votes.
-- Rows holding a member's id carry `community` too, so that privacy erasure (PersonalDataTables) reaches them.
create table giveaways (
    id              bigserial primary key,
    community       text not null,
    channel_id      text not null,
    message_id      text null,
    prize           text not null,
    winners         int not null check (winners > 0),
    min_tier        text null,
    min_account_age_seconds    bigint null,
    min_membership_age_seconds bigint null,
    started_by      text not null,
    started_at      timestamptz not null,
    ends_at         timestamptz not null,
    -- Secret until ended_at is set; only the commitment (its SHA-256) is shown before.
    seed            bytea not null,
    commitment      text not null,
    ended_at        timestamptz null,
    drawn           text[] not null default '{}'
);
create index giveaways_by_community on giveaways (community, id);

create table giveaway_entries (
    community     text not null,
    giveaway_id   bigint not null references giveaways (id) on delete cascade,
    user_id       text not null,
    display_name  text not null,
    entered_at    timestamptz not null,
    primary key (giveaway_id, user_id)
);

create table meetups (
    id          bigserial primary key,
    community   text not null,
    channel_id  text not null,
    title       text not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    place       text null,
    capacity    int null check (capacity > 0),
    created_by  text not null
);
create index meetups_by_community on meetups (community, id);

create table meetup_rsvps (
    community     text not null,
    meetup_id     bigint not null references meetups (id) on delete cascade,
    user_id       text not null,
    display_name  text not null,
    status        text not null check (status in ('going', 'waitlisted', 'notgoing')),
    at            timestamptz not null,
    primary key (meetup_id, user_id)
);

create table meetup_attendance (
    community  text not null,
    meetup_id  bigint not null references meetups (id) on delete cascade,
    user_id    text not null,
    marked_by  text not null,
    at         timestamptz not null,
    primary key (meetup_id, user_id)
);

create table meetup_ratings (
    community  text not null,
    meetup_id  bigint not null references meetups (id) on delete cascade,
    user_id    text not null,
    rating     smallint not null check (rating between 1 and 5),
    at         timestamptz not null,
    primary key (meetup_id, user_id)
);

create table contests (
    id          bigserial primary key,
    community   text not null,
    channel_id  text not null,
    title       text not null,
    deadline    timestamptz not null,
    created_by  text not null,
    closed_at   timestamptz null
);
create index contests_by_community on contests (community, id);

create table contest_entries (
    id            bigserial primary key,
    community     text not null,
    contest_id    bigint not null references contests (id) on delete cascade,
    user_id       text not null,
    display_name  text not null,
    text          text not null,
    at            timestamptz not null,
    unique (contest_id, user_id)
);

create table contest_votes (
    community   text not null,
    contest_id  bigint not null references contests (id) on delete cascade,
    voter_id    text not null,
    entry_id    bigint not null references contest_entries (id) on delete cascade,
    at          timestamptz not null,
    primary key (contest_id, voter_id)
);
create index contest_votes_by_entry on contest_votes (entry_id);
