-- Classroom sandboxes: one disposable Docker-in-Docker container per learner (isolated mode).
-- Times are Unix milliseconds. A warm sandbox waits with user_id NULL until it is handed out.
-- Rows are kept after the sandbox ends (ended_at set) so the instructor sees what happened.

CREATE TABLE sandboxes (
  id              TEXT PRIMARY KEY,            -- random; also the deckhand.sandbox label and in URLs
  user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
  container_id    TEXT,                        -- NULL until the container is created
  network_id      TEXT,
  address         TEXT,                        -- the container's IP on its own network
  status          TEXT NOT NULL
                  CHECK (status IN ('starting', 'warm', 'ready', 'ended', 'lost', 'failed')),
  created_at      INTEGER NOT NULL,
  last_active_at  INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  ended_at        INTEGER,
  end_reason      TEXT                         -- plain words: 'expired', 'idle', 'ended by ...'
);
-- At most one live sandbox per learner: concurrent acquires cannot both create one.
CREATE UNIQUE INDEX sandboxes_live_user ON sandboxes(user_id) WHERE ended_at IS NULL AND user_id IS NOT NULL;
CREATE INDEX sandboxes_live ON sandboxes(ended_at, status);
CREATE INDEX sandboxes_user_created ON sandboxes(user_id, created_at);
