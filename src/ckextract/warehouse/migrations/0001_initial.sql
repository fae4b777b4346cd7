-- 0001: documents, programs, networks, memberships, repairs, raw cells.

CREATE TABLE documents (
    document_id      VARCHAR PRIMARY KEY,   -- sha256 hex of the file's bytes
    file_name        VARCHAR NOT NULL,
    path             VARCHAR NOT NULL,
    title            VARCHAR,
    publisher        VARCHAR,
    published_on     DATE,
    is_reconstruction BOOLEAN NOT NULL DEFAULT FALSE,
    size_bytes       BIGINT NOT NULL,
    page_count       INTEGER NOT NULL,
    table_count      INTEGER NOT NULL,
    layouts          VARCHAR,               -- comma-separated layout names; NULL: no known layout
    parser_version   VARCHAR NOT NULL,
    ingested_at      TIMESTAMP NOT NULL
);

CREATE TABLE rejected_documents (
    document_id      VARCHAR NOT NULL,      -- sha256 of the bytes as read (a 0-byte file has one too)
    file_name        VARCHAR NOT NULL,
    path             VARCHAR NOT NULL,
    error_code       VARCHAR NOT NULL,
    reason           VARCHAR NOT NULL,
    rejected_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (document_id, path)
);

CREATE TABLE programs (
    program_id       VARCHAR PRIMARY KEY,
    name_ja          VARCHAR NOT NULL,
    ministry_ja      VARCHAR NOT NULL
);

CREATE TABLE extracted_tables (
    document_id      VARCHAR NOT NULL,
    table_id         INTEGER NOT NULL,
    pages            INTEGER[] NOT NULL,
    n_rows           INTEGER NOT NULL,
    n_cols           INTEGER NOT NULL,
    x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE,
    PRIMARY KEY (document_id, table_id)
);

CREATE TABLE raw_cells (
    document_id      VARCHAR NOT NULL,
    table_id         INTEGER NOT NULL,
    page_number      INTEGER NOT NULL,
    row_index        INTEGER NOT NULL,
    col_index        INTEGER NOT NULL,
    row_span         INTEGER NOT NULL,
    col_span         INTEGER NOT NULL,
    text             VARCHAR NOT NULL,
    x0 DOUBLE NOT NULL, top DOUBLE NOT NULL, x1 DOUBLE NOT NULL, bottom DOUBLE NOT NULL,
    PRIMARY KEY (document_id, table_id, row_index, col_index)
);

CREATE TABLE networks (
    network_id       VARCHAR PRIMARY KEY,
    document_id      VARCHAR NOT NULL,
    program_id       VARCHAR NOT NULL,
    region_name      VARCHAR NOT NULL,
    region_code      VARCHAR,
    name             VARCHAR NOT NULL,
    name_raw         VARCHAR NOT NULL,
    plan_name        VARCHAR,
    overview         VARCHAR,
    page_number      INTEGER NOT NULL,
    table_id         INTEGER NOT NULL,
    row_index        INTEGER NOT NULL,
    layout           VARCHAR NOT NULL
);

CREATE TABLE memberships (
    network_id       VARCHAR NOT NULL,
    document_id      VARCHAR NOT NULL,
    position         INTEGER NOT NULL,
    sector           VARCHAR NOT NULL CHECK (sector IN ('学', '官', '産')),
    org_name         VARCHAR NOT NULL,
    org_name_raw     VARCHAR NOT NULL,
    role             VARCHAR,
    PRIMARY KEY (network_id, position)
);

CREATE TABLE repairs (
    document_id      VARCHAR NOT NULL,
    network_id       VARCHAR NOT NULL,
    rule             VARCHAR NOT NULL,
    before           VARCHAR NOT NULL,
    after            VARCHAR NOT NULL
);

-- One row per member with its network's context: what analysts query first.
CREATE VIEW v_network_members AS
SELECT n.region_name, n.region_code, n.program_id, p.name_ja AS program_name, n.name AS network_name,
       n.plan_name, m.sector, m.position, m.org_name, m.role, m.org_name_raw, n.network_id, n.document_id
FROM memberships m
JOIN networks n USING (network_id)
JOIN programs p USING (program_id);
