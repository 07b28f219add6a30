-- Cases (办件): general intake at any counter, routed to departments' approval queues, with a
-- legal clock in working days. The same tables as migrations/sqlite/0004 in native types.

CREATE TABLE case_sequences (
    service_day DATE PRIMARY KEY,
    last_seq    INTEGER NOT NULL
);

CREATE TABLE cases (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_no         TEXT NOT NULL UNIQUE,
    tracking_code   TEXT NOT NULL UNIQUE,
    -- A matter code, or a bundle code when `is_bundle`.
    matter          TEXT NOT NULL,
    is_bundle       BOOLEAN NOT NULL DEFAULT FALSE,
    bundle_rule     TEXT CHECK (bundle_rule IN ('all_or_nothing', 'partial')),
    ticket_id       BIGINT REFERENCES tickets (id),
    -- The applicant as the domain's JSON (a person or an organisation). The ID number is kept:
    -- the case is a legal record; every public view masks it.
    applicant       JSONB NOT NULL,
    applicant_name  TEXT NOT NULL,
    person_digest   TEXT,
    delivery        JSONB NOT NULL,
    status          TEXT NOT NULL CHECK (status IN
                        ('in_progress', 'suspended', 'approved', 'partially_approved', 'rejected', 'terminated')),
    accepted_at     TIMESTAMPTZ NOT NULL,
    accepted_on     DATE NOT NULL,
    legal_due       DATE NOT NULL,
    promised_due    DATE NOT NULL,
    -- 容缺受理: the day the deferred materials are due, until supplied.
    pledge_due      DATE,
    intake_clerk_id BIGINT NOT NULL REFERENCES users (id),
    intake_counter  TEXT REFERENCES counters (code),
    issuer          TEXT NOT NULL,
    idempotency_key TEXT,
    closed_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX cases_idempotency ON cases (issuer, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX cases_status ON cases (status, pledge_due);

CREATE TABLE case_materials (
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    required    BOOLEAN NOT NULL,
    may_defer   BOOLEAN NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('provided', 'missing', 'deferred')),
    supplied_at TIMESTAMPTZ,
    -- The order the checklist listed them in at intake (SQLite keeps it as the rowid).
    position    INTEGER NOT NULL,
    PRIMARY KEY (case_id, code)
);

-- One task per (member) matter in its department's approval queue.
CREATE TABLE case_tasks (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id          BIGINT NOT NULL REFERENCES cases (id),
    matter           TEXT NOT NULL REFERENCES matters (code),
    department       TEXT NOT NULL REFERENCES departments (code),
    status           TEXT NOT NULL CHECK (status IN
                         ('queued', 'claimed', 'returned', 'approved', 'rejected', 'terminated')),
    claimed_by       BIGINT REFERENCES users (id),
    claimed_at       TIMESTAMPTZ,
    limit_days       INTEGER NOT NULL,
    promised_days    INTEGER NOT NULL,
    extension_days   INTEGER NOT NULL DEFAULT 0,
    extension_reason TEXT,
    legal_due        DATE NOT NULL,
    promised_due     DATE NOT NULL,
    opinion          TEXT,
    decided_at       TIMESTAMPTZ,
    -- The last light a warning event was raised for ('yellow' or 'red').
    warned           TEXT
);
CREATE INDEX case_tasks_queue ON case_tasks (department, status, legal_due);
CREATE INDEX case_tasks_case ON case_tasks (case_id);

-- 补正: the clock stops from `from_day` until the items are supplied (`to_day`).
CREATE TABLE case_suspensions (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id   BIGINT NOT NULL REFERENCES case_tasks (id),
    from_day  DATE NOT NULL,
    to_day    DATE,
    items     JSONB NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ
);
CREATE INDEX case_suspensions_task ON case_suspensions (task_id);
-- At most one open suspension per task.
CREATE UNIQUE INDEX case_suspensions_open ON case_suspensions (task_id) WHERE closed_at IS NULL;

-- Who did what to a case, when, from which state to which. Append-only.
CREATE TABLE case_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    task_id     BIGINT REFERENCES case_tasks (id),
    actor_id    BIGINT REFERENCES users (id),
    actor_name  TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_history_case ON case_history (case_id, id);
CREATE FUNCTION case_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_history is append-only';
END $$;
CREATE TRIGGER case_history_append_only BEFORE UPDATE OR DELETE ON case_history
    FOR EACH ROW EXECUTE FUNCTION case_history_append_only();

-- Notices given at the counter without a case: 一次性告知 (every missing item at once) and
-- 不予受理 (refusal naming where to apply). Printable later by id.
CREATE TABLE intake_notices (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('materials_incomplete', 'refusal')),
    matter         TEXT NOT NULL,
    applicant_name TEXT NOT NULL DEFAULT '',
    items          JSONB NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    where_to_apply TEXT NOT NULL DEFAULT '',
    ticket_id      BIGINT REFERENCES tickets (id),
    clerk_id       BIGINT NOT NULL REFERENCES users (id),
    counter        TEXT REFERENCES counters (code),
    created_at     TIMESTAMPTZ NOT NULL
);
