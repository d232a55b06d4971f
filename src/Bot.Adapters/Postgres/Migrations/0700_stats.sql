-- Stats: daily roll-ups (one row per community, local day, metric and dimension), the days rolled up,
-- KPI targets, and the last weekly report sent.
create table stats_daily (
    community   text not null,
    day         date not null,
    metric      text not null,
    dimension   text not null default '',
    value       double precision not null,
    base        double precision not null default 0,
    primary key (community, day, metric, dimension)
);
create index stats_daily_by_metric on stats_daily (community, metric, day);

create table stats_rollups (
    community   text not null,
    day         date not null,
    time_zone   text not null,
    computed_at timestamptz not null default now(),
    primary key (community, day)
);

create table stats_kpi_targets (
    community   text not null,
    metric      text not null,
    period      text not null check (period in ('month', 'year')),
    target      double precision not null check (target >= 0),
    set_by      text not null,
    set_at      timestamptz not null,
    primary key (community, metric, period)
);

create table stats_reports (
    community   text primary key,
    last_report timestamptz not null
);

-- Join cohorts and day counts read members by join and leave time.
create index members_by_joined on members (community, joined_at);
create index members_by_left on members (community, left_at) where left_at is not null;
