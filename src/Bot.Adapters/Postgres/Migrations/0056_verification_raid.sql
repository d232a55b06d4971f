-- A newcomer who joined during a raid: held (and restricted by the platform) whatever /verify says, until they press.
alter table verification_newcomers add column raid boolean not null default false;
