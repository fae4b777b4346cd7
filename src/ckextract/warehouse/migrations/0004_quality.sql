-- 0004: data-quality results and quarantine.

ALTER TABLE networks ADD COLUMN overview_raw VARCHAR;
COMMENT ON COLUMN networks.overview_raw IS '取組概要 cell as printed (lines joined); NULL when printed as -.';

CREATE TABLE dq_runs (
    run_id           VARCHAR PRIMARY KEY,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    documents        INTEGER NOT NULL,
    passed           INTEGER NOT NULL,
    with_warnings    INTEGER NOT NULL,
    quarantined      INTEGER NOT NULL,
    data_docs        VARCHAR
);

CREATE TABLE dq_results (
    run_id           VARCHAR NOT NULL,
    document_id      VARCHAR NOT NULL,
    file_name        VARCHAR NOT NULL,
    table_name       VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    severity         VARCHAR NOT NULL CHECK (severity IN ('critical', 'warning')),
    success          BOOLEAN NOT NULL,
    unexpected_count INTEGER NOT NULL,
    unexpected_sample JSON,
    details          JSON,
    PRIMARY KEY (run_id, document_id, expectation)
);

CREATE TABLE quarantined_documents (
    document_id      VARCHAR PRIMARY KEY,
    file_name        VARCHAR NOT NULL,
    path             VARCHAR NOT NULL,
    run_id           VARCHAR NOT NULL,
    failed_expectations VARCHAR NOT NULL,
    quarantined_at   TIMESTAMP NOT NULL
);

CREATE TABLE quarantine_networks AS SELECT * FROM networks LIMIT 0;
ALTER TABLE quarantine_networks ADD COLUMN run_id VARCHAR;
ALTER TABLE quarantine_networks ADD COLUMN failed_expectations VARCHAR;
CREATE TABLE quarantine_memberships AS SELECT * FROM memberships LIMIT 0;
ALTER TABLE quarantine_memberships ADD COLUMN run_id VARCHAR;
ALTER TABLE quarantine_memberships ADD COLUMN failed_expectations VARCHAR;
CREATE TABLE quarantine_adoptions AS SELECT * FROM adoptions LIMIT 0;
ALTER TABLE quarantine_adoptions ADD COLUMN run_id VARCHAR;
ALTER TABLE quarantine_adoptions ADD COLUMN failed_expectations VARCHAR;

COMMENT ON TABLE dq_runs IS 'One row per data-quality gate run (one per ingest).';
COMMENT ON COLUMN dq_runs.run_id IS 'Run id (UTC timestamp and a random suffix).';
COMMENT ON COLUMN dq_runs.started_at IS 'When validation started (UTC).';
COMMENT ON COLUMN dq_runs.finished_at IS 'When it finished (UTC).';
COMMENT ON COLUMN dq_runs.documents IS 'Documents validated.';
COMMENT ON COLUMN dq_runs.passed IS 'Documents that passed every check.';
COMMENT ON COLUMN dq_runs.with_warnings IS 'Documents loaded with failed warning checks.';
COMMENT ON COLUMN dq_runs.quarantined IS 'Documents quarantined by a failed critical check.';
COMMENT ON COLUMN dq_runs.data_docs IS 'Path of the Great Expectations Data Docs index for this run.';
COMMENT ON TABLE dq_results IS 'One row per run, document and check (expectation).';
COMMENT ON COLUMN dq_results.run_id IS 'Run (dq_runs.run_id).';
COMMENT ON COLUMN dq_results.document_id IS 'Document checked.';
COMMENT ON COLUMN dq_results.file_name IS 'Its file name.';
COMMENT ON COLUMN dq_results.table_name IS 'Table the check ran on (networks, memberships, adoptions, reconciliation).';
COMMENT ON COLUMN dq_results.expectation IS 'Check name, e.g. memberships.sector_valid (see ckextract.validate.checks).';
COMMENT ON COLUMN dq_results.severity IS 'critical (quarantines the document) or warning (reported).';
COMMENT ON COLUMN dq_results.success IS 'Whether the document passed the check.';
COMMENT ON COLUMN dq_results.unexpected_count IS 'Rows of this document that failed it.';
COMMENT ON COLUMN dq_results.unexpected_sample IS 'Up to 5 failing rows (their ids and values).';
COMMENT ON COLUMN dq_results.details IS 'The GX expectation type, its arguments and observed value.';
COMMENT ON TABLE quarantined_documents IS 'Documents whose latest records failed a critical check; their records are in quarantine_* and the curated tables keep their previous state.';
COMMENT ON COLUMN quarantined_documents.document_id IS 'Document.';
COMMENT ON COLUMN quarantined_documents.file_name IS 'File name.';
COMMENT ON COLUMN quarantined_documents.path IS 'Path it was read from.';
COMMENT ON COLUMN quarantined_documents.run_id IS 'Run that quarantined it.';
COMMENT ON COLUMN quarantined_documents.failed_expectations IS 'Comma-separated critical checks it failed.';
COMMENT ON COLUMN quarantined_documents.quarantined_at IS 'When (UTC).';
COMMENT ON TABLE quarantine_networks IS 'Networks of quarantined documents (columns of networks + run_id, failed_expectations).';
COMMENT ON TABLE quarantine_memberships IS 'Memberships of quarantined documents (columns of memberships + run_id, failed_expectations).';
COMMENT ON TABLE quarantine_adoptions IS 'Adoptions of quarantined documents (columns of adoptions + run_id, failed_expectations).';
COMMENT ON COLUMN quarantine_networks.run_id IS 'Run that quarantined the row.';
COMMENT ON COLUMN quarantine_networks.failed_expectations IS 'Critical checks its document failed.';
COMMENT ON COLUMN quarantine_memberships.run_id IS 'Run that quarantined the row.';
COMMENT ON COLUMN quarantine_memberships.failed_expectations IS 'Critical checks its document failed.';
COMMENT ON COLUMN quarantine_adoptions.run_id IS 'Run that quarantined the row.';
COMMENT ON COLUMN quarantine_adoptions.failed_expectations IS 'Critical checks its document failed.';
