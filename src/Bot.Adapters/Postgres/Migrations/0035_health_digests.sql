-- The hourly dead-letter post to staff: when it was last made, and the failure time its dead letters reached to
-- (the database's own clock, as dead_letters.failed_at is), so the next post holds only newer ones.
create table health_digests (
    community      text primary key,
    posted_at      timestamptz not null,
    reported_until timestamptz not null
);
