-- The "N left" counts run on every review request. New cards are counted as active cards minus the
-- learner's seen (scheduled or suspended) ones; this covering index lets that count and the due
-- range read only the learner's slice of the index (drill_day included so the due count never
-- touches the table). It replaces card_states_due, its prefix.
DROP INDEX card_states_due;
CREATE INDEX card_states_seen ON card_states(user_id, due_day, suspended, drill_day);
-- Retired cards are few; this lets "seen but retired" visit only them.
CREATE INDEX cards_retired ON cards(id) WHERE retired_at IS NOT NULL;
CREATE INDEX cards_active_position ON cards(position) WHERE retired_at IS NULL;
