-- Issue 13: "bury until tomorrow" from the review screen. A learner's burial is a row naming the
-- learner's day the card comes back; the queue leaves out a card whose row says a later day than
-- today, so a burial ends at the rollover by itself and nothing has to clear it. Kept apart from
-- card_states so the due walk's covering index (card_states_seen) stays as it is: the queue probes
-- this table by its primary key, and a learner has few rows (stale ones are deleted at the next
-- bury). Owned by src/review/burials.ts.
CREATE TABLE card_burials (
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  card_id   TEXT NOT NULL REFERENCES cards(id),
  until_day TEXT NOT NULL,   -- the learner's day ('YYYY-MM-DD') the card is back in the queue
  buried_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, card_id)
) WITHOUT ROWID;
