-- Classes taught by an instructor, their members, what each class works on, and an audit log of
-- instructor actions. Times are Unix milliseconds; due days are 'YYYY-MM-DD'.

-- A one-time password (from a CSV import or a reset) must be replaced at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
-- Students imported from a roster CSV keep their address, so a second import of the same
-- list finds them instead of creating duplicates.
ALTER TABLE users ADD COLUMN email TEXT COLLATE NOCASE;
CREATE UNIQUE INDEX users_email ON users(email) WHERE email IS NOT NULL;

CREATE TABLE classes (
  id            INTEGER PRIMARY KEY,
  instructor_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  join_code     TEXT NOT NULL UNIQUE,
  join_enabled  INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
);
CREATE INDEX classes_instructor ON classes(instructor_id);

CREATE TABLE class_members (
  class_id  INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (class_id, user_id)
) WITHOUT ROWID;
CREATE INDEX class_members_user ON class_members(user_id);

-- No rows for a class means "every topic": a new class hides nothing until the instructor chooses.
CREATE TABLE class_topics (
  class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  topic    TEXT NOT NULL,                      -- a top-level card topic
  PRIMARY KEY (class_id, topic)
) WITHOUT ROWID;

CREATE TABLE class_challenges (
  class_id     INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  challenge_id TEXT NOT NULL,
  due_day      TEXT,                           -- optional deadline, the class's calendar day
  position     INTEGER NOT NULL,               -- column order on the dashboard
  PRIMARY KEY (class_id, challenge_id)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  actor_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  class_id       INTEGER REFERENCES classes(id) ON DELETE CASCADE,
  action         TEXT NOT NULL,
  target_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  detail         TEXT NOT NULL
);
CREATE INDEX audit_log_class ON audit_log(class_id, at);

-- The dashboard reads a window of live answers for a whole class at once; this partial index
-- covers those reads (counts, retention, quiz scores, streaks) without touching the table.
CREATE INDEX review_log_live ON review_log(user_id, day, kind, quality, reps_before) WHERE undone_at IS NULL;
