-- Hands-on challenge attempts and the SM-2 state of each challenge per learner. Times are Unix
-- milliseconds. user_id NULL is the local CLI learner (host mode without an account).

CREATE TABLE challenge_attempts (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER REFERENCES users(id) ON DELETE CASCADE,
  challenge_id  TEXT NOT NULL,
  driver        TEXT NOT NULL,                 -- 'host' or 'isolated'
  sandbox       TEXT NOT NULL,                 -- JSON from the driver: ids, baseline, endpoints
  started_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  status        TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'passed', 'gave_up', 'ended')),
  hints_used    INTEGER NOT NULL DEFAULT 0,
  checks_run    INTEGER NOT NULL DEFAULT 0,
  passed_at     INTEGER
);
-- One live sandbox per learner and challenge; IFNULL folds the CLI learner into one key.
CREATE UNIQUE INDEX challenge_attempts_live
  ON challenge_attempts(IFNULL(user_id, 0), challenge_id) WHERE ended_at IS NULL;
CREATE INDEX challenge_attempts_user ON challenge_attempts(user_id, challenge_id);

CREATE TABLE challenge_states (
  user_id        INTEGER REFERENCES users(id) ON DELETE CASCADE,
  challenge_id   TEXT NOT NULL,
  repetitions    INTEGER NOT NULL DEFAULT 0,
  easiness       INTEGER NOT NULL DEFAULT 250,   -- EF in hundredths, kept exact
  interval_days  INTEGER NOT NULL DEFAULT 0,
  due_day        TEXT,                           -- 'YYYY-MM-DD'; NULL until first graded
  last_graded_at INTEGER
);
CREATE UNIQUE INDEX challenge_states_key ON challenge_states(IFNULL(user_id, 0), challenge_id);
