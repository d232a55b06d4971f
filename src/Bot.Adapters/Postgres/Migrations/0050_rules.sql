-- Published rules (規則公示): one current text per community with its version, and the member chats they are pinned in.
create table rules (
    community text primary key,
    text      text not null,
    version   int not null,
    set_by    text not null,
    set_at    timestamptz not null
);

-- A member chat of the community; message_id is the pinned rules message there (null until posted), version what it shows.
create table rules_pins (
    community  text not null,
    channel_id text not null,
    message_id text null,
    version    int not null default 0,
    primary key (community, channel_id)
);
