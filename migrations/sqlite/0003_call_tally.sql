-- Calls per counter, day and line: the weighted rotation reads it on every call-next, so it
-- is kept as a running tally instead of counted from ticket_calls each time.

CREATE TABLE counter_call_tally (
    counter     TEXT NOT NULL REFERENCES counters (code),
    service_day TEXT NOT NULL,
    category    TEXT NOT NULL REFERENCES categories (code),
    calls       INTEGER NOT NULL,
    PRIMARY KEY (counter, service_day, category)
);

INSERT INTO counter_call_tally (counter, service_day, category, calls)
SELECT c.counter, t.service_day, t.queue_category, COUNT(*)
FROM ticket_calls c JOIN tickets t ON t.id = c.ticket_id
WHERE c.kind = 'call'
GROUP BY c.counter, t.service_day, t.queue_category;
