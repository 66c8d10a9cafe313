-- Issue 13: study options per learner. A NULL option follows the server's setting
-- (DECKHAND_NEW_PER_DAY, DECKHAND_REVIEWS_PER_DAY, DECKHAND_ROLLOVER_HOUR), so a learner who never
-- chose keeps the server's, even after the server's changes. Owned by src/review/study-options.ts.
CREATE TABLE study_options (
  user_id           INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  new_cards_per_day INTEGER CHECK (new_cards_per_day BETWEEN 0 AND 9999),
  reviews_per_day   INTEGER CHECK (reviews_per_day BETWEEN 0 AND 9999),
  rollover_hour     INTEGER CHECK (rollover_hour BETWEEN 0 AND 23)
);

-- Whether the learner chose their time zone (Account, or the join form) rather than getting the
-- server's. Until they have, the Account page offers the browser's zone. Existing accounts start
-- at 0: nothing recorded whether they chose, and the offer changes nothing until they save.
ALTER TABLE users ADD COLUMN time_zone_chosen INTEGER NOT NULL DEFAULT 0;
