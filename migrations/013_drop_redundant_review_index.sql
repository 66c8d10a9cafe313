-- review_log_live (user_id, day, kind, quality, reps_before) WHERE undone_at IS NULL serves every
-- per-day query, all of which read live answers only; the older (user_id, day) index was one more
-- B-tree written on every answer for nothing.
DROP INDEX review_log_user_day;
