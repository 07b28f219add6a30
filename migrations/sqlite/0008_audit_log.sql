-- The audit chain (审计链): every state change and every staff request, append-only, each
-- entry holding the hash of the one before (onetrip_domain::audit). seq is assigned by the
-- writer as head + 1 (writers are serialised), so the numbers are gapless: a gap is a deletion.

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    -- The canonical JSON text that was hashed, byte for byte.
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

-- The last entry, kept apart from the log: dropping entries from its end is noticed too.
CREATE TABLE audit_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    seq         INTEGER NOT NULL,
    hash        TEXT NOT NULL
);
