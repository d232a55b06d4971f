-- Private answers for members who have never started the bot (Telegram lets a bot write only to those who have):
-- kept until the member opens the t.me/<bot>?start=<token> link the group was given.
create table telegram_private_replies (
    token        text primary key,
    user_id      text not null,
    text         text not null,
    file_name    text null,
    content_type text null,
    content      bytea null,
    created_at   timestamptz not null
);
create index telegram_private_replies_by_time on telegram_private_replies (created_at);

-- Raid mode's newcomer check moved into moderation (the domain holds the state); the adapter's own flag is gone.
drop table telegram_new_member_checks;
