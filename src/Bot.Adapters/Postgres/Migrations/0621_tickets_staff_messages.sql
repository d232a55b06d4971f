-- The bot's messages in a ticket's staff thread (members' lines relayed there). In a staff group without topics,
-- staff answer by replying to one of them as well as to the ticket's card; the reply finds its ticket through this.
create table ticket_staff_messages (
    community  text not null,
    message_id text not null,
    ticket_id  bigint not null references tickets (id) on delete cascade,
    primary key (community, message_id)
);
create index ticket_staff_messages_by_ticket on ticket_staff_messages (ticket_id);
