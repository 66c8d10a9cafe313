-- Same-day drills (SM-2 step 7) are looked up on every review request: counted for "N left" and
-- fetched when nothing else is due. Without this index both scan every card state of the learner
-- (~1,600 rows for a learner two years in; ~125 µs each in the review benchmark); with it they
-- read only today's drills (~4 µs). Partial, so it holds just the few rows with a drill day, and
-- covering (a WITHOUT ROWID table's secondary index carries card_id): the planner picks it even
-- with no ANALYZE statistics, where a narrower index loses to the primary key's user_id prefix.
CREATE INDEX card_states_drill ON card_states(user_id, drill_day, suspended, last_answered_at)
  WHERE drill_day IS NOT NULL;
