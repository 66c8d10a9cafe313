-- Issue 13: "study more" for one learner's day: extra new cards on top of their daily limit, and
-- reviewing ahead (cards due tomorrow come into today's session). One row per learner and day in
-- which they asked; a new day starts without. Owned by src/review/study-more.ts.
CREATE TABLE study_more (
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day          TEXT NOT NULL,
  extra_new    INTEGER NOT NULL DEFAULT 0 CHECK (extra_new >= 0),
  review_ahead INTEGER NOT NULL DEFAULT 0 CHECK (review_ahead IN (0, 1)),
  PRIMARY KEY (user_id, day)
) WITHOUT ROWID;
