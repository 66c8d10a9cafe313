-- Precision first (issue 9): the compiler's confidence in each card, the alternative answers the
-- note gives, and each learner's own say over a card: accept or reject a draft, edit its text.
--
-- `draft` is written by the sync from the confidence (src/compiler/types.ts `isDraft`), so the
-- threshold lives in one place and every query reads a plain flag. Cards stored before this
-- migration were already in reviews: they start confident until the next sync rewrites them.
ALTER TABLE cards ADD COLUMN confidence REAL NOT NULL DEFAULT 1;
ALTER TABLE cards ADD COLUMN draft INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN alternatives TEXT;            -- JSON array of accepted other answers
-- The drafts page and the new-card count walk only the live drafts.
CREATE INDEX cards_live_drafts ON cards(id) WHERE draft = 1 AND retired_at IS NULL;

-- A learner's decisions and edits, keyed by card identity: never written into the notes, and kept
-- across recompiles because identity matching keeps the card's id when its note is reworded.
-- NULL text columns mean "as the notes say"; a row may hold a decision, edits, or both.
CREATE TABLE card_overrides (
  user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  card_id          TEXT NOT NULL REFERENCES cards(id),
  decision         TEXT CHECK (decision IN ('accepted', 'rejected')),
  prompt           TEXT,
  answer           TEXT,
  accepted_answers TEXT,                                    -- JSON array of strings
  decided_at       INTEGER,
  edited_at        INTEGER,
  PRIMARY KEY (user_id, card_id)
) WITHOUT ROWID;

-- "I was right": the learner's override of an automatic grade is a new review-log row pointing
-- at the row it corrects; the corrected row is kept, marked undone, so it stays in the history
-- without counting twice.
ALTER TABLE review_log ADD COLUMN corrects_id INTEGER REFERENCES review_log(id);
-- The quiz question remembers that its grade was overridden, and when.
ALTER TABLE quiz_questions ADD COLUMN overridden_at INTEGER;
-- What the quiz accepts besides the answer (the note's alternatives and the learner's own), as
-- of when the quiz was made, like the prompt and answer beside it.
ALTER TABLE quiz_questions ADD COLUMN alternatives TEXT;   -- JSON array of strings
