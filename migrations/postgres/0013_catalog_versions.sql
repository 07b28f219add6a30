-- Versioned catalog: the admin edits a draft and publishes it as a new version. Every version
-- keeps its whole document, so a case is always read against the catalog it was accepted under,
-- and every published change of an item is kept field by field for its history.

CREATE TABLE catalog_versions (
    seq               BIGINT PRIMARY KEY,
    version           TEXT NOT NULL UNIQUE,
    published_at      TIMESTAMPTZ NOT NULL,
    -- The hall's local day of publication (the 公开日期 it gives new items).
    published_on      DATE NOT NULL,
    published_by      BIGINT REFERENCES users (id),
    published_by_name TEXT NOT NULL,
    note              TEXT NOT NULL DEFAULT '',
    document          JSONB NOT NULL
);

CREATE TABLE catalog_changes (
    seq    BIGINT NOT NULL REFERENCES catalog_versions (seq),
    kind   TEXT NOT NULL CHECK (kind IN ('department', 'category', 'matter', 'bundle', 'counter')),
    code   TEXT NOT NULL,
    name   TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'retired', 'removed')),
    -- [{field, before, after}]
    fields JSONB NOT NULL,
    PRIMARY KEY (seq, kind, code)
);
CREATE INDEX catalog_changes_item ON catalog_changes (kind, code);

-- At most one draft: the next version being prepared.
CREATE TABLE catalog_draft (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    based_on        TEXT NOT NULL,
    document        JSONB NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      BIGINT REFERENCES users (id),
    updated_by_name TEXT NOT NULL
);

ALTER TABLE cases ADD COLUMN catalog_version TEXT;
ALTER TABLE tickets ADD COLUMN catalog_version TEXT;

-- The catalog loaded before versions existed becomes the first version.
INSERT INTO catalog_versions
    (seq, version, published_at, published_on, published_by, published_by_name, note, document)
SELECT 1, version, loaded_at, (loaded_at AT TIME ZONE 'UTC')::date, NULL, '系统',
       '启用版本管理前加载的目录', document
FROM catalog_meta WHERE id = 1;
UPDATE cases SET catalog_version = (SELECT version FROM catalog_meta WHERE id = 1);
UPDATE tickets SET catalog_version = (SELECT version FROM catalog_meta WHERE id = 1);
