-- 好差评: one rating per served ticket (一次一评) and per completed case (一事一评), tied to the
-- counter, clerk and matter; a bad review (level 1–2) opens a follow-up for the hall's admin.

CREATE TABLE ratings (
    id              INTEGER PRIMARY KEY,
    -- UNIQUE: a retry or a double tap cannot rate the same service twice.
    ticket_id       INTEGER UNIQUE REFERENCES tickets (id),
    case_id         INTEGER UNIQUE REFERENCES cases (id),
    level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    comment         TEXT NOT NULL DEFAULT '',
    channel         TEXT NOT NULL CHECK (channel IN ('kiosk', 'counter', 'qr')),
    counter         TEXT REFERENCES counters (code),
    clerk_id        INTEGER REFERENCES users (id),
    matter          TEXT,
    category        TEXT,
    rated_at        TEXT NOT NULL,
    rated_on        TEXT NOT NULL,
    issuer          TEXT NOT NULL,
    idempotency_key TEXT,
    CHECK ((ticket_id IS NULL) <> (case_id IS NULL)),
    UNIQUE (issuer, idempotency_key)
);
CREATE INDEX ratings_rated_on ON ratings (rated_on);

CREATE TABLE rating_follow_ups (
    id         INTEGER PRIMARY KEY,
    rating_id  INTEGER NOT NULL UNIQUE REFERENCES ratings (id),
    state      TEXT NOT NULL CHECK (state IN ('open', 'replied', 'closed')),
    opened_at  TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    reply      TEXT,
    replied_at TEXT,
    replied_by INTEGER REFERENCES users (id),
    close_note TEXT,
    closed_at  TEXT,
    closed_by  INTEGER REFERENCES users (id),
    -- A reply comes before closing.
    CHECK (state = 'open' OR reply IS NOT NULL)
);
CREATE INDEX rating_follow_ups_state ON rating_follow_ups (state, due_on);
