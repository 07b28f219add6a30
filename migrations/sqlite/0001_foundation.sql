-- onetrip foundation: hall settings, catalog, staff and devices, tickets, events.
-- Timestamps are UTC text written by sqlx (chrono); service days are the hall's local dates.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE catalog_meta (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    version   TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    document  TEXT NOT NULL
);

CREATE TABLE departments (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE categories (
    code        TEXT PRIMARY KEY CHECK (length(code) = 1),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL
);

CREATE TABLE matters (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    department TEXT NOT NULL REFERENCES departments (code),
    category   TEXT NOT NULL REFERENCES categories (code),
    position   INTEGER NOT NULL,
    document   TEXT NOT NULL
);

CREATE TABLE bundles (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    category TEXT NOT NULL REFERENCES categories (code),
    position INTEGER NOT NULL,
    document TEXT NOT NULL
);

CREATE TABLE counters (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('intake', 'output')),
    position   INTEGER NOT NULL,
    categories TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT NOT NULL,
    department    TEXT REFERENCES departments (code),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE devices (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('kiosk', 'display')),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Bearer tokens are stored as SHA-256 digests: a stolen database does not yield usable tokens.
CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id),
    device_id  INTEGER REFERENCES devices (id),
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    CHECK ((user_id IS NULL) <> (device_id IS NULL))
);

CREATE TABLE ticket_sequences (
    category    TEXT NOT NULL REFERENCES categories (code),
    service_day TEXT NOT NULL,
    last_seq    INTEGER NOT NULL,
    PRIMARY KEY (category, service_day)
);

-- A ticket keeps its number (category letter + day sequence) for life; `queue_category`,
-- `queued_at` and `target_counter` say where and since when it waits now (a transfer keeps
-- the original time: one visit stays one trip).
CREATE TABLE tickets (
    id                     INTEGER PRIMARY KEY,
    category               TEXT NOT NULL REFERENCES categories (code),
    service_day            TEXT NOT NULL,
    seq                    INTEGER NOT NULL CHECK (seq > 0),
    number                 TEXT NOT NULL,
    track_code             TEXT NOT NULL UNIQUE,
    matter                 TEXT REFERENCES matters (code),
    priority               TEXT NOT NULL CHECK (priority IN ('appointment', 'green', 'normal')),
    priority_rank          INTEGER NOT NULL,
    status                 TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
    queue_category         TEXT NOT NULL REFERENCES categories (code),
    queued_at              TEXT NOT NULL,
    target_counter         TEXT REFERENCES counters (code),
    issued_at              TEXT NOT NULL,
    issuer                 TEXT NOT NULL,
    idempotency_key        TEXT,
    -- SHA-256 of the holder's ID number: enough to refuse a second active ticket, useless to a thief.
    person_digest          TEXT,
    estimated_wait_minutes INTEGER,
    counter                TEXT REFERENCES counters (code),
    clerk_id               INTEGER REFERENCES users (id),
    first_called_at        TEXT,
    called_at              TEXT,
    recall_count           INTEGER NOT NULL DEFAULT 0,
    started_at             TEXT,
    finished_at            TEXT,
    slip_status            TEXT NOT NULL DEFAULT 'pending' CHECK (slip_status IN ('pending', 'printed', 'failed')),
    UNIQUE (category, service_day, seq)
);

CREATE UNIQUE INDEX tickets_idempotency ON tickets (issuer, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX tickets_waiting
    ON tickets (service_day, status, queue_category, target_counter, priority_rank, queued_at, id);
CREATE INDEX tickets_counter ON tickets (counter, status);
CREATE INDEX tickets_person ON tickets (service_day, person_digest) WHERE person_digest IS NOT NULL;

CREATE TABLE ticket_calls (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    counter   TEXT NOT NULL REFERENCES counters (code),
    kind      TEXT NOT NULL CHECK (kind IN ('call', 'recall')),
    called_at TEXT NOT NULL,
    reason    TEXT NOT NULL
);
CREATE INDEX ticket_calls_counter ON ticket_calls (counter, called_at);

-- One clerk per counter and one counter per clerk at a time, enforced by the database.
CREATE TABLE counter_sessions (
    id        INTEGER PRIMARY KEY,
    counter   TEXT NOT NULL REFERENCES counters (code),
    user_id   INTEGER NOT NULL REFERENCES users (id),
    opened_at TEXT NOT NULL,
    paused    INTEGER NOT NULL DEFAULT 0,
    closed_at TEXT
);
CREATE UNIQUE INDEX counter_sessions_one_per_counter ON counter_sessions (counter)
    WHERE closed_at IS NULL;
CREATE UNIQUE INDEX counter_sessions_one_per_clerk ON counter_sessions (user_id)
    WHERE closed_at IS NULL;

-- The outbox of everything the hall announces; SSE clients resume from an id after a drop.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    audience   TEXT NOT NULL CHECK (audience IN ('public', 'staff')),
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
