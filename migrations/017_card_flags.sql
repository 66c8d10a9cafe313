-- Issue 13: a learner flags a card to find it again (`is:flagged` in Browse). One flag per
-- learner and card, as a row: no row is "not flagged", so unflagging deletes it. Owned by
-- src/browse/card-flags.ts.
CREATE TABLE card_flags (
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  card_id    TEXT NOT NULL REFERENCES cards(id),
  flagged_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, card_id)
) WITHOUT ROWID;
