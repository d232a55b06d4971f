-- An erased member's infractions stay, pseudonymised, until their strikes decay: then retention removes them.
alter table moderation_infractions add column forget_at timestamptz null;
create index moderation_infractions_forget on moderation_infractions (forget_at) where forget_at is not null;
