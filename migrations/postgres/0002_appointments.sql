-- Appointments (预约): a booked slot per category, checked in at the kiosk.

CREATE TABLE appointments (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    category      TEXT NOT NULL REFERENCES categories (code),
    service_day   DATE NOT NULL,
    slot_start    TIME NOT NULL,
    slot_end      TIME NOT NULL,
    starts_at     TIMESTAMPTZ NOT NULL,
    -- Keyed digest of the ID number (see tickets.person_digest); the name and phone are kept
    -- for the clerk, and shown masked anywhere public.
    person_digest TEXT NOT NULL,
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked_in')),
    created_at    TIMESTAMPTZ NOT NULL,
    cancelled_at  TIMESTAMPTZ,
    checked_in_at TIMESTAMPTZ,
    ticket_id     BIGINT REFERENCES tickets (id)
);

-- One live booking per person per day, enforced by the database.
CREATE UNIQUE INDEX appointments_one_per_day ON appointments (person_digest, service_day)
    WHERE status <> 'cancelled';
CREATE INDEX appointments_slot ON appointments (category, service_day, slot_start, status);
