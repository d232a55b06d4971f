-- Spending from the shop: each community's export column mapping, shop customers (emails, customer ids) linked to
-- members, and every purchase credited (personal data: exported, erased, and removed after Privacy:SpendingDays).
create table tier_spending_columns (
    community   text primary key,
    mapping     text not null,
    saved_at    timestamptz not null
);

create table tier_customer_links (
    community    text not null,
    customer_key text not null,
    user_id      text not null,
    linked_by    text not null,
    linked_at    timestamptz not null,
    primary key (community, customer_key)
);
create index tier_customer_links_by_user on tier_customer_links (community, user_id);

create table tier_spending (
    community     text not null,
    key           text not null,
    user_id       text not null,
    customer_key  text not null,
    amount        numeric(14, 4) not null,
    currency      text null,
    purchased_at  timestamptz not null,
    source        text not null,
    recorded_at   timestamptz not null,
    primary key (community, key)
);
create index tier_spending_by_user on tier_spending (community, user_id);
create index tier_spending_recorded on tier_spending (recorded_at);
