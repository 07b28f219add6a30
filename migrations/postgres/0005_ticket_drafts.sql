-- 智能自助: while waiting, a citizen picks the matter and fills in the applicant part at the
-- kiosk; the ticket carries the draft and the clerk's intake starts from it.

CREATE TABLE ticket_drafts (
    ticket_id  BIGINT PRIMARY KEY REFERENCES tickets (id),
    matter     TEXT NOT NULL,
    applicant  JSONB NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
