-- Quizzes: a learner picks topics and a number of questions and gets a fixed paper. The
-- selection, the question text and the option order are stored when the quiz is made, so a
-- reload (or a content reload that rewords a card) shows the same quiz; each answer is kept with
-- its grade and the review-log row it produced.

CREATE TABLE quizzes (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  topics       TEXT NOT NULL,           -- JSON array of the top-level topics picked
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER                  -- set when the last question is answered
);
CREATE INDEX quizzes_user ON quizzes(user_id, id);

CREATE TABLE quiz_questions (
  quiz_id        INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,      -- 1-based, the order the questions are asked in
  card_id        TEXT NOT NULL REFERENCES cards(id),
  question_type  TEXT NOT NULL CHECK (question_type IN ('choice', 'command', 'words', 'cloze')),
  prompt         TEXT NOT NULL,         -- the card's text when the quiz was made
  answer         TEXT NOT NULL,
  choices        TEXT,                  -- JSON array, shuffled once, for 'choice' questions
  given          TEXT,                  -- what the learner answered (option text for choices)
  correct        INTEGER,               -- 0 / 1 once answered
  quality        INTEGER CHECK (quality BETWEEN 0 AND 5),
  answered_at    INTEGER,
  review_log_id  INTEGER REFERENCES review_log(id),
  PRIMARY KEY (quiz_id, position)
) WITHOUT ROWID;
