-- A follow-up of a bad review past its deadline is flagged once: the deadline watcher raises
-- one `follow_up_overdue` event for the admin and remembers it here.
ALTER TABLE rating_follow_ups ADD COLUMN overdue_flagged_at TIMESTAMPTZ;
