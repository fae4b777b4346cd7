-- 0008: who runs a run (to tell a dead run from a live one), its first error, and how fresh
-- the derived tables are (so a run interrupted between loading and deriving is repaired).

ALTER TABLE ingest_runs ADD COLUMN pid INTEGER;
ALTER TABLE ingest_runs ADD COLUMN host VARCHAR;
ALTER TABLE ingest_runs ADD COLUMN process_started_at TIMESTAMP;
ALTER TABLE ingest_runs ADD COLUMN error VARCHAR;
ALTER TABLE ingest_runs ADD COLUMN note VARCHAR;

CREATE TABLE derived_state (
    scope            VARCHAR PRIMARY KEY,
    fingerprint      VARCHAR NOT NULL,
    built_at         TIMESTAMP NOT NULL,
    load_id          VARCHAR
);

COMMENT ON COLUMN ingest_runs.status IS 'running, ok (all loaded or unchanged), partial (some rejected or quarantined), failed (error: the first error), interrupted (stopped by a signal, or its process died: marked by the next run).';
COMMENT ON COLUMN ingest_runs.engine IS 'How the stages ran: serial, process, dask (local engine) or prefect.';
COMMENT ON COLUMN ingest_runs.pid IS 'Process id of the run (with host and process_started_at: tells a dead run from a live one).';
COMMENT ON COLUMN ingest_runs.host IS 'Host name of the run''s process.';
COMMENT ON COLUMN ingest_runs.process_started_at IS 'When the run''s process started (UTC): a reused pid is not mistaken for it.';
COMMENT ON COLUMN ingest_runs.error IS 'The first error of a failed or interrupted run; NULL otherwise.';
COMMENT ON COLUMN ingest_runs.note IS 'What the run did beyond its counts (e.g. derived tables repaired, Prefect not started: nothing to parse).';
COMMENT ON TABLE derived_state IS 'Fingerprint of the loaded data each derived table set was last built from; a mismatch (e.g. after a crash) rebuilds it at the next run.';
COMMENT ON COLUMN derived_state.scope IS 'series:<series_id> (its change log) or registry (organizations, org_aliases, membership_orgs, adoption_network_links).';
COMMENT ON COLUMN derived_state.fingerprint IS 'md5 of the (document_id, load_id) pairs the derived rows were built from.';
COMMENT ON COLUMN derived_state.built_at IS 'When they were built (UTC).';
COMMENT ON COLUMN derived_state.load_id IS 'Run that built them.';
