-- 0005: series and editions, load ids, history tables behind current-state views, ingest runs, changes.

ALTER TABLE documents ADD COLUMN series_id VARCHAR;
ALTER TABLE documents ADD COLUMN edition VARCHAR;
ALTER TABLE documents ADD COLUMN source_url VARCHAR;
ALTER TABLE documents ADD COLUMN first_seen_at TIMESTAMP;
ALTER TABLE documents ADD COLUMN load_id VARCHAR;
UPDATE documents SET series_id = 'file:' || file_name, first_seen_at = ingested_at WHERE series_id IS NULL;

ALTER TABLE rejected_documents ADD COLUMN parser_version VARCHAR;
ALTER TABLE rejected_documents ADD COLUMN load_id VARCHAR;
ALTER TABLE quarantined_documents ADD COLUMN parser_version VARCHAR;
ALTER TABLE quarantined_documents ADD COLUMN load_id VARCHAR;

ALTER TABLE networks ADD COLUMN load_id VARCHAR;
ALTER TABLE memberships ADD COLUMN load_id VARCHAR;
ALTER TABLE adoptions ADD COLUMN load_id VARCHAR;
ALTER TABLE repairs ADD COLUMN load_id VARCHAR;
ALTER TABLE raw_cells ADD COLUMN load_id VARCHAR;
ALTER TABLE extracted_tables ADD COLUMN load_id VARCHAR;
ALTER TABLE quarantine_networks ADD COLUMN load_id VARCHAR;
ALTER TABLE quarantine_memberships ADD COLUMN load_id VARCHAR;
ALTER TABLE quarantine_adoptions ADD COLUMN load_id VARCHAR;

ALTER TABLE networks RENAME TO networks_history;
ALTER TABLE memberships RENAME TO memberships_history;
ALTER TABLE adoptions RENAME TO adoptions_history;

CREATE VIEW editions AS
SELECT document_id, series_id, edition, published_on, first_seen_at, file_name, title,
       row_number() OVER (PARTITION BY series_id
                          ORDER BY published_on NULLS LAST, edition NULLS LAST, first_seen_at, document_id)
           AS edition_rank,
       count(*) OVER (PARTITION BY series_id) AS editions_in_series
FROM documents;

CREATE VIEW current_documents AS
SELECT * FROM editions WHERE edition_rank = editions_in_series;

CREATE VIEW networks AS
SELECT * FROM networks_history WHERE document_id IN (SELECT document_id FROM current_documents);
CREATE VIEW memberships AS
SELECT * FROM memberships_history WHERE document_id IN (SELECT document_id FROM current_documents);
CREATE VIEW adoptions AS
SELECT * FROM adoptions_history WHERE document_id IN (SELECT document_id FROM current_documents);

CREATE TABLE ingest_runs (
    load_id          VARCHAR PRIMARY KEY,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    status           VARCHAR NOT NULL,
    documents_seen   INTEGER,
    loaded           INTEGER,
    skipped          INTEGER,
    rejected         INTEGER,
    quarantined      INTEGER,
    input_hashes     VARCHAR[],
    code_version     VARCHAR NOT NULL,
    parser_version   VARCHAR NOT NULL,
    engine           VARCHAR
);

CREATE TABLE changes (
    series_id        VARCHAR NOT NULL,
    from_document_id VARCHAR NOT NULL,
    to_document_id   VARCHAR NOT NULL,
    from_edition     VARCHAR,
    to_edition       VARCHAR,
    entity           VARCHAR NOT NULL,
    change           VARCHAR NOT NULL,
    program_id       VARCHAR,
    region_name      VARCHAR,
    subject          VARCHAR NOT NULL,
    before           VARCHAR,
    after            VARCHAR
);

COMMENT ON COLUMN documents.series_id IS 'Document series (sources.toml `series`); default file:<file name>, so a changed file of the same name is a new edition.';
COMMENT ON COLUMN documents.edition IS 'Edition label from sources.toml (e.g. 2023); NULL when not given.';
COMMENT ON COLUMN documents.source_url IS 'URL it was fetched from; NULL for local files.';
COMMENT ON COLUMN documents.first_seen_at IS 'When these bytes were first loaded (UTC); orders undated editions.';
COMMENT ON COLUMN documents.load_id IS 'Ingest run that wrote the row (ingest_runs.load_id).';
COMMENT ON COLUMN rejected_documents.parser_version IS 'Parser version that rejected it.';
COMMENT ON COLUMN rejected_documents.load_id IS 'Ingest run that rejected it.';
COMMENT ON COLUMN quarantined_documents.parser_version IS 'Parser version of the quarantined records.';
COMMENT ON COLUMN quarantined_documents.load_id IS 'Ingest run that quarantined it.';
COMMENT ON COLUMN networks_history.load_id IS 'Ingest run that wrote the row.';
COMMENT ON COLUMN memberships_history.load_id IS 'Ingest run that wrote the row.';
COMMENT ON COLUMN adoptions_history.load_id IS 'Ingest run that wrote the row.';
COMMENT ON COLUMN repairs.load_id IS 'Ingest run that wrote the row.';
COMMENT ON COLUMN raw_cells.load_id IS 'Ingest run that wrote the row.';
COMMENT ON COLUMN extracted_tables.load_id IS 'Ingest run that wrote the row.';
COMMENT ON TABLE networks_history IS 'Every network of every edition of every series (networks shows the current editions).';
COMMENT ON TABLE memberships_history IS 'Every membership of every edition (memberships shows the current editions).';
COMMENT ON TABLE adoptions_history IS 'Every adoption of every edition (adoptions shows the current editions).';
COMMENT ON VIEW editions IS 'Each document as an edition of its series, ranked by published_on, edition label, first_seen_at.';
COMMENT ON VIEW current_documents IS 'The latest edition of each series.';
COMMENT ON VIEW networks IS 'Current state: networks of the latest edition of each series (history: networks_history).';
COMMENT ON VIEW memberships IS 'Current state: memberships of the latest edition of each series (history: memberships_history).';
COMMENT ON VIEW adoptions IS 'Current state: adoptions of the latest edition of each series (history: adoptions_history).';
COMMENT ON TABLE ingest_runs IS 'One row per ingest run.';
COMMENT ON COLUMN ingest_runs.load_id IS 'Run id; every row a run writes carries it.';
COMMENT ON COLUMN ingest_runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN ingest_runs.finished_at IS 'End (UTC); NULL while running or if it died.';
COMMENT ON COLUMN ingest_runs.status IS 'running, ok (all loaded or unchanged), partial (some rejected or quarantined), failed.';
COMMENT ON COLUMN ingest_runs.documents_seen IS 'Documents discovered.';
COMMENT ON COLUMN ingest_runs.loaded IS 'Documents loaded (incl. no known layout).';
COMMENT ON COLUMN ingest_runs.skipped IS 'Documents unchanged since an earlier run (same sha256 and parser version): not parsed.';
COMMENT ON COLUMN ingest_runs.rejected IS 'Documents that could not be read.';
COMMENT ON COLUMN ingest_runs.quarantined IS 'Documents quarantined by the data-quality gate.';
COMMENT ON COLUMN ingest_runs.input_hashes IS 'sha256 of every discovered document.';
COMMENT ON COLUMN ingest_runs.code_version IS 'ckextract version.';
COMMENT ON COLUMN ingest_runs.parser_version IS 'ckextract.PARSER_VERSION.';
COMMENT ON COLUMN ingest_runs.engine IS 'prefect or local.';
COMMENT ON TABLE changes IS 'Change log per series between consecutive editions (recomputed when a series gains an edition).';
COMMENT ON COLUMN changes.series_id IS 'Series.';
COMMENT ON COLUMN changes.from_document_id IS 'Earlier edition.';
COMMENT ON COLUMN changes.to_document_id IS 'Next edition.';
COMMENT ON COLUMN changes.from_edition IS 'Earlier edition label.';
COMMENT ON COLUMN changes.to_edition IS 'Next edition label.';
COMMENT ON COLUMN changes.entity IS 'network, adoption or membership.';
COMMENT ON COLUMN changes.change IS 'added, removed, renamed (networks, adoptions) or role_changed (memberships).';
COMMENT ON COLUMN changes.program_id IS 'Program of the network or adoption.';
COMMENT ON COLUMN changes.region_name IS 'Region.';
COMMENT ON COLUMN changes.subject IS 'Network name, project name, or organization (with its network).';
COMMENT ON COLUMN changes.before IS 'Value in the earlier edition (name or role).';
COMMENT ON COLUMN changes.after IS 'Value in the next edition.';
COMMENT ON COLUMN documents.title IS 'Title from the folder''s sources.toml; NULL when not listed.';
COMMENT ON COLUMN documents.publisher IS 'Publishing ministry/office from sources.toml; NULL when not listed.';
COMMENT ON COLUMN documents.published_on IS 'Publication date from sources.toml; NULL when unknown.';
