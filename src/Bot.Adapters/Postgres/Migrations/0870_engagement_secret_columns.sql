-- Columns whose value must not leave the bot, not even in the member's own export: marked with a comment starting 'secret'.
comment on column giveaways.seed is 'secret: the draw seed, revealed only by /giveaway verify after the draw';
