-- Issue 13: FSRS as a learner's choice beside SM-2, switchable without losing history.
-- A NULL choice is SM-2 exactly (the default) with a desired retention of 0.9 for FSRS.
ALTER TABLE study_options ADD COLUMN scheduler TEXT CHECK (scheduler IN ('sm2', 'fsrs'));
ALTER TABLE study_options ADD COLUMN desired_retention REAL CHECK (desired_retention BETWEEN 0.7 AND 0.99);

-- FSRS memory of a card (stability in days, difficulty 1–10, the day of the last answer it
-- counts), kept beside SM-2's n and EF and updated by every scheduled answer whichever scheduler
-- set the due day. NULL: the card has not been answered since FSRS was added; its first answer
-- replays its review log to build it (src/review/fsrs-memory.ts).
ALTER TABLE card_states ADD COLUMN fsrs_stability REAL;
ALTER TABLE card_states ADD COLUMN fsrs_difficulty REAL;
ALTER TABLE card_states ADD COLUMN fsrs_last_review TEXT;

-- Which scheduler set each answer's due day, and the FSRS memory before it (for undo).
ALTER TABLE review_log ADD COLUMN scheduler TEXT NOT NULL DEFAULT 'sm2' CHECK (scheduler IN ('sm2', 'fsrs'));
ALTER TABLE review_log ADD COLUMN fsrs_stability_before REAL;
ALTER TABLE review_log ADD COLUMN fsrs_difficulty_before REAL;
ALTER TABLE review_log ADD COLUMN fsrs_last_review_before TEXT;
