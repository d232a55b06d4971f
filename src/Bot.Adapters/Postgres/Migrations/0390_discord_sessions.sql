-- Each shard's gateway session as far as its dispatches are committed, so a restarted bot resumes it (op 6) and Discord
-- replays what the dead process had not committed and what was sent while it was down.
create table discord_sessions (
    bot_id       text not null,
    shard_id     int not null,
    shard_count  int not null,
    session_id   text not null,
    resume_url   text not null,
    sequence     bigint not null,
    saved_at     timestamptz not null,
    primary key (bot_id, shard_id, shard_count)
);
