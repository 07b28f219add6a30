-- onetrip foundation on PostgreSQL: the same tables as migrations/sqlite/0001, in native types
-- (timestamptz, date, identity columns, jsonb documents).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE catalog_meta (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    version   TEXT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL,
    document  JSONB NOT NULL
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
    document   JSONB NOT NULL
);

CREATE TABLE bundles (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    category TEXT NOT NULL REFERENCES categories (code),
    position INTEGER NOT NULL,
    document JSONB NOT NULL
);

CREATE TABLE counters (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('intake', 'output')),
    position   INTEGER NOT NULL,
    categories JSONB NOT NULL
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT NOT NULL,
    department    TEXT REFERENCES departments (code),
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE devices (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('kiosk', 'display')),
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- Bearer tokens are stored as SHA-256 digests: a stolen database does not yield usable tokens.
CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT REFERENCES users (id),
    device_id  BIGINT REFERENCES devices (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    CHECK ((user_id IS NULL) <> (device_id IS NULL))
);

CREATE TABLE ticket_sequences (
    category    TEXT NOT NULL REFERENCES categories (code),
    service_day DATE NOT NULL,
    last_seq    INTEGER NOT NULL,
    PRIMARY KEY (category, service_day)
);

-- See migrations/sqlite/0001: the number is for life; queue_category, queued_at and
-- target_counter say where and since when the ticket waits now.
CREATE TABLE tickets (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category               TEXT NOT NULL REFERENCES categories (code),
    service_day            DATE NOT NULL,
    seq                    INTEGER NOT NULL CHECK (seq > 0),
    number                 TEXT NOT NULL,
    track_code             TEXT NOT NULL UNIQUE,
    matter                 TEXT REFERENCES matters (code),
    priority               TEXT NOT NULL CHECK (priority IN ('appointment', 'green', 'normal')),
    priority_rank          INTEGER NOT NULL,
    status                 TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
    queue_category         TEXT NOT NULL REFERENCES categories (code),
    queued_at              TIMESTAMPTZ NOT NULL,
    target_counter         TEXT REFERENCES counters (code),
    issued_at              TIMESTAMPTZ NOT NULL,
    issuer                 TEXT NOT NULL,
    idempotency_key        TEXT,
    person_digest          TEXT,
    estimated_wait_minutes INTEGER,
    counter                TEXT REFERENCES counters (code),
    clerk_id               BIGINT REFERENCES users (id),
    first_called_at        TIMESTAMPTZ,
    called_at              TIMESTAMPTZ,
    recall_count           INTEGER NOT NULL DEFAULT 0,
    started_at             TIMESTAMPTZ,
    finished_at            TIMESTAMPTZ,
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
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    counter   TEXT NOT NULL REFERENCES counters (code),
    kind      TEXT NOT NULL CHECK (kind IN ('call', 'recall')),
    called_at TIMESTAMPTZ NOT NULL,
    reason    TEXT NOT NULL
);
CREATE INDEX ticket_calls_counter ON ticket_calls (counter, called_at);
CREATE INDEX ticket_calls_ticket ON ticket_calls (ticket_id);

-- One clerk per counter and one counter per clerk at a time, enforced by the database.
CREATE TABLE counter_sessions (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    counter   TEXT NOT NULL REFERENCES counters (code),
    user_id   BIGINT NOT NULL REFERENCES users (id),
    opened_at TIMESTAMPTZ NOT NULL,
    paused    BOOLEAN NOT NULL DEFAULT FALSE,
    closed_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX counter_sessions_one_per_counter ON counter_sessions (counter)
    WHERE closed_at IS NULL;
CREATE UNIQUE INDEX counter_sessions_one_per_clerk ON counter_sessions (user_id)
    WHERE closed_at IS NULL;

-- The outbox of everything the hall announces; SSE clients resume from an id after a drop.
-- Writers hold the hall's write lock until commit, so ids become visible in increasing order.
CREATE TABLE events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       TEXT NOT NULL,
    audience   TEXT NOT NULL CHECK (audience IN ('public', 'staff')),
    payload    JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
