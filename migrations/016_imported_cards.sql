-- Issue 13: a learner brings their own cards in (an Anki text export). They are that learner's
-- alone, so they live here and not in `cards`: `cards` is the notes' table, shared by every
-- learner and owned by the content sync, which retires any card its notes no longer make.
-- `guid` is the note's identity, as in Anki: re-importing the same file updates, never duplicates.
CREATE TABLE imported_cards (
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  guid        TEXT NOT NULL,
  front       TEXT NOT NULL,
  back        TEXT NOT NULL,
  deck        TEXT,                    -- Anki deck path with '::', or NULL for "Imported"
  tags        TEXT NOT NULL DEFAULT '', -- space-separated, as Anki writes them
  position    INTEGER NOT NULL,         -- order in the file they came from
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, guid)
) WITHOUT ROWID;
