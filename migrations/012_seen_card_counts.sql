-- How many cards each learner has seen (scheduled or suspended). The review page shows "N new" on
-- every answer, and counting a learner's states each time cost more than the answer itself (the
-- review benchmark). Triggers keep this count inside the same transaction as every write to
-- card_states, so no code path can forget it and it can never drift from the rows it counts.
CREATE TABLE learner_seen_counts (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  seen    INTEGER NOT NULL
);

INSERT INTO learner_seen_counts (user_id, seen)
  SELECT user_id, count(*) FROM card_states WHERE due_day IS NOT NULL OR suspended = 1 GROUP BY user_id;

CREATE TRIGGER card_states_seen_insert AFTER INSERT ON card_states
WHEN NEW.due_day IS NOT NULL OR NEW.suspended = 1
BEGIN
  INSERT INTO learner_seen_counts (user_id, seen) VALUES (NEW.user_id, 1)
    ON CONFLICT (user_id) DO UPDATE SET seen = seen + 1;
END;

CREATE TRIGGER card_states_seen_update AFTER UPDATE OF due_day, suspended ON card_states
WHEN (OLD.due_day IS NOT NULL OR OLD.suspended = 1) <> (NEW.due_day IS NOT NULL OR NEW.suspended = 1)
BEGIN
  INSERT INTO learner_seen_counts (user_id, seen)
    VALUES (NEW.user_id, CASE WHEN NEW.due_day IS NOT NULL OR NEW.suspended = 1 THEN 1 ELSE 0 END)
    ON CONFLICT (user_id) DO UPDATE
      SET seen = seen + CASE WHEN NEW.due_day IS NOT NULL OR NEW.suspended = 1 THEN 1 ELSE -1 END;
END;

CREATE TRIGGER card_states_seen_delete AFTER DELETE ON card_states
WHEN OLD.due_day IS NOT NULL OR OLD.suspended = 1
BEGIN
  UPDATE learner_seen_counts SET seen = seen - 1 WHERE user_id = OLD.user_id;
END;
