-- Who wrote a gap's sample question, so erasing that member removes it.
alter table faq_gaps add column sample_user_id text null;
