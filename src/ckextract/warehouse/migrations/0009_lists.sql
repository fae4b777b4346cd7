-- 0009: lists declared by spec (ckextract.lists): their rows, typed as JSON, with one view per
-- spec (v_list_<id>, v_list_<id>_history, made when the specs are loaded), their row-level
-- change log, and the round (公募回) of adoptions fed by a list.

CREATE TABLE list_specs (
    list_id          VARCHAR PRIMARY KEY,
    title            VARCHAR,
    source           VARCHAR NOT NULL,
    columns          JSON NOT NULL,
    key_columns      VARCHAR[] NOT NULL,
    ignore_in_changes VARCHAR[] NOT NULL,
    program_id       VARCHAR,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE list_rows (
    row_id           VARCHAR NOT NULL,
    document_id      VARCHAR NOT NULL,
    list_id          VARCHAR NOT NULL,
    table_id         INTEGER NOT NULL,
    page_number      INTEGER NOT NULL,
    row_index        INTEGER NOT NULL,
    row_key          VARCHAR,
    data             JSON NOT NULL,
    raw              JSON NOT NULL,
    type_errors      JSON,
    load_id          VARCHAR,
    PRIMARY KEY (document_id, row_id)
);

CREATE TABLE quarantine_list_rows AS SELECT * FROM list_rows LIMIT 0;
ALTER TABLE quarantine_list_rows ADD COLUMN run_id VARCHAR;
ALTER TABLE quarantine_list_rows ADD COLUMN failed_expectations VARCHAR;

CREATE TABLE list_changes (
    series           VARCHAR NOT NULL,
    list_id          VARCHAR NOT NULL,
    from_document_id VARCHAR NOT NULL,
    to_document_id   VARCHAR NOT NULL,
    from_edition     VARCHAR,
    to_edition       VARCHAR,
    change           VARCHAR NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
    row_key          VARCHAR NOT NULL,
    before           JSON,
    after            JSON
);

ALTER TABLE adoptions_history ADD COLUMN round VARCHAR;
ALTER TABLE quarantine_adoptions ADD COLUMN round VARCHAR;

COMMENT ON TABLE list_specs IS 'The list specs the warehouse has views for (ckextract/lists/specs/*.toml and --specs folders).';
COMMENT ON COLUMN list_specs.list_id IS 'Spec id; its views are v_list_<id> (current editions) and v_list_<id>_history.';
COMMENT ON COLUMN list_specs.title IS 'Title of the list kind.';
COMMENT ON COLUMN list_specs.source IS 'Spec file it was read from.';
COMMENT ON COLUMN list_specs.columns IS 'JSON [[name, type], …]: the context columns, then the table columns.';
COMMENT ON COLUMN list_specs.key_columns IS 'Columns whose values follow a row across editions (row_key).';
COMMENT ON COLUMN list_specs.ignore_in_changes IS 'Columns whose change alone does not make a row changed.';
COMMENT ON COLUMN list_specs.program_id IS 'Program the list feeds into adoptions; NULL for other lists.';
COMMENT ON COLUMN list_specs.updated_at IS 'When the spec was last loaded (UTC).';
COMMENT ON TABLE list_rows IS 'One row of a declared list, its columns typed (data) and as printed (raw); read through v_list_<id>.';
COMMENT ON COLUMN list_rows.row_id IS 'Stable id: hash of document, list, table and row.';
COMMENT ON COLUMN list_rows.document_id IS 'Document it was read from.';
COMMENT ON COLUMN list_rows.list_id IS 'List spec (list_specs.list_id).';
COMMENT ON COLUMN list_rows.table_id IS 'Table it was read from (extracted_tables).';
COMMENT ON COLUMN list_rows.page_number IS 'Page the row is printed on.';
COMMENT ON COLUMN list_rows.row_index IS 'Row in the stitched table (raw_cells.row_index).';
COMMENT ON COLUMN list_rows.row_key IS 'The key columns'' values joined by |: follows the row across editions.';
COMMENT ON COLUMN list_rows.data IS 'JSON column → typed value (dates ISO, lines as arrays, prefectures with <name>_code); null where empty or not of its type.';
COMMENT ON COLUMN list_rows.raw IS 'JSON column → value as printed.';
COMMENT ON COLUMN list_rows.type_errors IS 'JSON column → why its printed value is not of its type; NULL when every value is. Reported by the gate.';
COMMENT ON COLUMN list_rows.load_id IS 'Ingest run that wrote the row.';
COMMENT ON TABLE quarantine_list_rows IS 'List rows of quarantined documents (columns of list_rows + run_id, failed_expectations).';
COMMENT ON COLUMN quarantine_list_rows.run_id IS 'Run that quarantined the row.';
COMMENT ON COLUMN quarantine_list_rows.failed_expectations IS 'Critical checks its document failed.';
COMMENT ON TABLE list_changes IS 'Row-level change log of a list series between consecutive editions (rebuilt when the series'' data changes).';
COMMENT ON COLUMN list_changes.series IS 'Series (documents.series_id).';
COMMENT ON COLUMN list_changes.list_id IS 'List spec.';
COMMENT ON COLUMN list_changes.from_document_id IS 'Earlier edition.';
COMMENT ON COLUMN list_changes.to_document_id IS 'Next edition.';
COMMENT ON COLUMN list_changes.from_edition IS 'Earlier edition label.';
COMMENT ON COLUMN list_changes.to_edition IS 'Next edition label.';
COMMENT ON COLUMN list_changes.change IS 'added, removed, or changed (a value other than the spec''s ignore_in_changes columns differs).';
COMMENT ON COLUMN list_changes.row_key IS 'The row''s key (a second row of the same key in an edition gets #2, …).';
COMMENT ON COLUMN list_changes.before IS 'JSON: the row''s values by canonical column in the earlier edition (NULL when added).';
COMMENT ON COLUMN list_changes.after IS 'JSON: the row''s values in the next edition (NULL when removed).';
COMMENT ON COLUMN adoptions_history.round IS 'The call (公募回) it was adopted in, e.g. 第7回, when the list says; NULL otherwise.';
COMMENT ON COLUMN quarantine_adoptions.round IS 'As in adoptions_history.round.';
