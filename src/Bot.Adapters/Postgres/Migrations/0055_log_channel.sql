-- Where a community's log entries (edits, deletions, joins, leaves, moderation, staff roles) go.
create table log_channels (
    community  text primary key,
    channel_id text not null,
    set_by     text not null,
    set_at     timestamptz not null
);
