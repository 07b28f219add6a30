-- Cases (办件): general intake at any counter, routed to departments' approval queues, with a
-- legal clock in working days. Dates are the hall's local dates; timestamps UTC text.

CREATE TABLE case_sequences (
    service_day TEXT PRIMARY KEY,
    last_seq    INTEGER NOT NULL
);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    case_no         TEXT NOT NULL UNIQUE,
    tracking_code   TEXT NOT NULL UNIQUE,
    -- A matter code, or a bundle code when `is_bundle`.
    matter          TEXT NOT NULL,
    is_bundle       INTEGER NOT NULL DEFAULT 0,
    bundle_rule     TEXT CHECK (bundle_rule IN ('all_or_nothing', 'partial')),
    ticket_id       INTEGER REFERENCES tickets (id),
    -- The applicant as the domain's JSON (a person or an organisation). The ID number is kept:
    -- the case is a legal record; every public view masks it.
    applicant       TEXT NOT NULL,
    applicant_name  TEXT NOT NULL,
    person_digest   TEXT,
    delivery        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN
                        ('in_progress', 'suspended', 'approved', 'partially_approved', 'rejected', 'terminated')),
    accepted_at     TEXT NOT NULL,
    accepted_on     TEXT NOT NULL,
    legal_due       TEXT NOT NULL,
    promised_due    TEXT NOT NULL,
    -- 容缺受理: the day the deferred materials are due, until supplied.
    pledge_due      TEXT,
    intake_clerk_id INTEGER NOT NULL REFERENCES users (id),
    intake_counter  TEXT REFERENCES counters (code),
    issuer          TEXT NOT NULL,
    idempotency_key TEXT,
    closed_at       TEXT
);
CREATE UNIQUE INDEX cases_idempotency ON cases (issuer, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX cases_status ON cases (status, pledge_due);

CREATE TABLE case_materials (
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    required    INTEGER NOT NULL,
    may_defer   INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('provided', 'missing', 'deferred')),
    supplied_at TEXT,
    -- The checklist's order, kept for the notices and the screens.
    position    INTEGER NOT NULL,
    PRIMARY KEY (case_id, code)
);

-- One task per (member) matter in its department's approval queue.
CREATE TABLE case_tasks (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    matter           TEXT NOT NULL REFERENCES matters (code),
    department       TEXT NOT NULL REFERENCES departments (code),
    status           TEXT NOT NULL CHECK (status IN
                         ('queued', 'claimed', 'returned', 'approved', 'rejected', 'terminated')),
    claimed_by       INTEGER REFERENCES users (id),
    claimed_at       TEXT,
    limit_days       INTEGER NOT NULL,
    promised_days    INTEGER NOT NULL,
    extension_days   INTEGER NOT NULL DEFAULT 0,
    extension_reason TEXT,
    legal_due        TEXT NOT NULL,
    promised_due     TEXT NOT NULL,
    opinion          TEXT,
    decided_at       TEXT,
    -- The last light a warning event was raised for ('yellow' or 'red').
    warned           TEXT
);
CREATE INDEX case_tasks_queue ON case_tasks (department, status, legal_due);
CREATE INDEX case_tasks_case ON case_tasks (case_id);

-- 补正: the clock stops from `from_day` until the items are supplied (`to_day`).
CREATE TABLE case_suspensions (
    id        INTEGER PRIMARY KEY,
    task_id   INTEGER NOT NULL REFERENCES case_tasks (id),
    from_day  TEXT NOT NULL,
    to_day    TEXT,
    items     TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX case_suspensions_task ON case_suspensions (task_id);
-- At most one open suspension per task.
CREATE UNIQUE INDEX case_suspensions_open ON case_suspensions (task_id) WHERE closed_at IS NULL;

-- Who did what to a case, when, from which state to which. Append-only.
CREATE TABLE case_history (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    task_id     INTEGER REFERENCES case_tasks (id),
    actor_id    INTEGER REFERENCES users (id),
    actor_name  TEXT NOT NULL,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_history_case ON case_history (case_id, id);
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;

-- Notices given at the counter without a case: 一次性告知 (every missing item at once) and
-- 不予受理 (refusal naming where to apply). Printable later by id.
CREATE TABLE intake_notices (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('materials_incomplete', 'refusal')),
    matter         TEXT NOT NULL,
    applicant_name TEXT NOT NULL DEFAULT '',
    items          TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    where_to_apply TEXT NOT NULL DEFAULT '',
    ticket_id      INTEGER REFERENCES tickets (id),
    clerk_id       INTEGER NOT NULL REFERENCES users (id),
    counter        TEXT REFERENCES counters (code),
    created_at     TEXT NOT NULL
);
