-- 统一出件: how a decided case's result left the hall — picked up at the output window (the
-- recipient's ID checked; only its keyed digest is kept) or mailed, then delivered.

CREATE TABLE case_handovers (
    case_id          INTEGER PRIMARY KEY REFERENCES cases (id),
    method           TEXT NOT NULL CHECK (method IN ('pickup', 'mail')),
    state            TEXT NOT NULL CHECK (state IN ('picked_up', 'mailed', 'delivered')),
    recipient_name   TEXT NOT NULL,
    recipient_digest TEXT,
    carrier          TEXT,
    waybill_no       TEXT,
    address          TEXT,
    clerk_id         INTEGER NOT NULL REFERENCES users (id),
    handed_at        TEXT NOT NULL,
    delivered_at     TEXT
);
CREATE INDEX case_handovers_state ON case_handovers (state);
