-- Generated keys (when configuration gives none): the pseudonym key for erased members' moderation records.
create table privacy_keys (
    name  text primary key,
    value bytea not null
);
comment on column privacy_keys.value is 'secret: key material';
