-- 网民留言: a citizen's message (咨询, 建议, 投诉), forwarded by the admin to a department (转办),
-- answered there within a number of working days, then published de-identified.

CREATE TABLE messages (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- LY20261127-0001: the day and its sequence, unique so two writers cannot share one.
    message_no      TEXT NOT NULL UNIQUE,
    submitted_on    DATE NOT NULL,
    seq             INTEGER NOT NULL,
    -- The secret on the citizen's receipt: the only public way to a message before it is
    -- published.
    query_code      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('consultation', 'suggestion', 'complaint')),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    name            TEXT,
    phone           TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('public', 'kiosk', 'staff')),
    state           TEXT NOT NULL
                    CHECK (state IN ('submitted', 'forwarded', 'answered', 'published', 'closed')),
    submitted_at    TIMESTAMPTZ NOT NULL,
    department      TEXT REFERENCES departments (code),
    forward_note    TEXT,
    forwarded_at    TIMESTAMPTZ,
    forwarded_by    BIGINT REFERENCES users (id),
    due_on          DATE,
    answer          TEXT,
    answered_at     TIMESTAMPTZ,
    answered_by     BIGINT REFERENCES users (id),
    published_at    TIMESTAMPTZ,
    published_by    BIGINT REFERENCES users (id),
    close_kind      TEXT CHECK (close_kind IN ('invalid', 'duplicate')),
    close_reason    TEXT,
    closed_at       TIMESTAMPTZ,
    closed_by       BIGINT REFERENCES users (id),
    issuer          TEXT NOT NULL,
    idempotency_key TEXT,
    UNIQUE (submitted_on, seq),
    UNIQUE (issuer, idempotency_key),
    -- Nothing is answered without a department, nothing published without an answer.
    CHECK (state = 'submitted' OR state = 'closed' OR department IS NOT NULL),
    CHECK (state NOT IN ('answered', 'published') OR answer IS NOT NULL),
    CHECK (state <> 'closed' OR close_reason IS NOT NULL)
);
CREATE INDEX messages_state ON messages (state, due_on);
CREATE INDEX messages_department ON messages (department, state);
