-- Accounts, sessions, cards and SM-2 review state. Times are Unix milliseconds; days are the
-- learner's local calendar day as 'YYYY-MM-DD' (see src/scheduler/day.ts).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('instructor', 'student')),
  time_zone     TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE cards (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  topic        TEXT NOT NULL,           -- topic path joined with ' › '
  prompt       TEXT NOT NULL,
  answer       TEXT NOT NULL,
  answer_mode  TEXT NOT NULL DEFAULT 'reveal',
  choices      TEXT,                    -- JSON array for multiple choice
  source_file  TEXT NOT NULL,
  source_line  INTEGER NOT NULL,
  position     INTEGER NOT NULL,        -- order in the content, used to introduce new cards
  retired_at   INTEGER,                 -- removed from the notes; history kept
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX cards_position ON cards(position);

CREATE TABLE card_states (
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  card_id        TEXT NOT NULL REFERENCES cards(id),
  repetitions    INTEGER NOT NULL DEFAULT 0,
  easiness       INTEGER NOT NULL DEFAULT 250,   -- EF in hundredths, kept exact
  interval_days  INTEGER NOT NULL DEFAULT 0,
  due_day        TEXT,                           -- NULL while the card is still new
  introduced_day TEXT,
  drill_day      TEXT,                           -- SM-2 step 7: comes back this day until graded >= 4
  suspended      INTEGER NOT NULL DEFAULT 0,
  last_answered_at INTEGER,
  PRIMARY KEY (user_id, card_id)
) WITHOUT ROWID;
CREATE INDEX card_states_due ON card_states(user_id, due_day);

CREATE TABLE review_log (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  card_id         TEXT NOT NULL REFERENCES cards(id),
  kind            TEXT NOT NULL CHECK (kind IN ('new', 'review', 'drill', 'quiz')),
  quality         INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 5),
  answered_at     INTEGER NOT NULL,
  day             TEXT NOT NULL,
  duration_ms     INTEGER NOT NULL,
  reps_before     INTEGER NOT NULL,
  ease_before     INTEGER NOT NULL,
  interval_before INTEGER NOT NULL,
  due_before      TEXT,
  drill_before    TEXT,
  introduced_before TEXT,
  reps_after      INTEGER NOT NULL,
  ease_after      INTEGER NOT NULL,
  interval_after  INTEGER NOT NULL,
  due_after       TEXT,
  drill_after     TEXT,
  undone_at       INTEGER
);
CREATE INDEX review_log_user_day ON review_log(user_id, day);
CREATE INDEX review_log_user_card ON review_log(user_id, card_id);
