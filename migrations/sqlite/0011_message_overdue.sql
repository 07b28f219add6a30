-- A forwarded message past its answer deadline is flagged once per deadline: the watcher
-- raises one `message_overdue` event and remembers which due date it flagged (a message
-- forwarded again gets a new deadline, and a new flag if that one runs out too).
ALTER TABLE messages ADD COLUMN overdue_flagged_for TEXT;
