-- Nothing reads the review log by card any more (undo finds the learner's last live answer through
-- review_log_live, newest day first), and every answer paid for this index: one B-tree fewer to
-- write per answer is about a sixth of the answer's commit in the review benchmark.
DROP INDEX review_log_user_card;
