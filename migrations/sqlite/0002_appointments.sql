-- Appointments (预约): a booked slot per category, checked in at the kiosk.

CREATE TABLE appointments (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    category      TEXT NOT NULL REFERENCES categories (code),
    service_day   TEXT NOT NULL,
    slot_start    TEXT NOT NULL,
    slot_end      TEXT NOT NULL,
    starts_at     TEXT NOT NULL,
    -- Keyed digest of the ID number (see tickets.person_digest); the name and phone are kept
    -- for the clerk, and shown masked anywhere public.
    person_digest TEXT NOT NULL,
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked_in')),
    created_at    TEXT NOT NULL,
    cancelled_at  TEXT,
    checked_in_at TEXT,
    ticket_id     INTEGER REFERENCES tickets (id)
);

-- One live booking per person per day, enforced by the database.
CREATE UNIQUE INDEX appointments_one_per_day ON appointments (person_digest, service_day)
    WHERE status <> 'cancelled';
CREATE INDEX appointments_slot ON appointments (category, service_day, slot_start, status);
