-- 0011: pages over a limit (ckextract.extract.limits) are recorded, not lost in a log.
--
-- A page whose ruling lines, text or time exceed a limit is skipped by name; the rest of
-- the document is read and loaded. Which pages were skipped, and why, is data an analyst
-- needs to trust the document's rows.

CREATE TABLE skipped_pages (
    document_id      VARCHAR NOT NULL,
    page_number      INTEGER NOT NULL,
    code             VARCHAR NOT NULL,
    reason           VARCHAR NOT NULL,
    load_id          VARCHAR,
    PRIMARY KEY (document_id, page_number)
);

COMMENT ON TABLE skipped_pages IS 'Pages of loaded documents that were over a limit (settings max_chars_per_page, max_crossings_per_page, page_seconds): nothing was read from them; the rest of the document was.';
COMMENT ON COLUMN skipped_pages.document_id IS 'The document (documents.document_id).';
COMMENT ON COLUMN skipped_pages.page_number IS 'Page number, from 1.';
COMMENT ON COLUMN skipped_pages.code IS 'Which limit: too_many_glyphs, too_many_rulings, page_too_complex, page_over_time, out_of_memory.';
COMMENT ON COLUMN skipped_pages.reason IS 'The limit and the measure that exceeded it, in words.';
COMMENT ON COLUMN skipped_pages.load_id IS 'Ingest run that wrote the row (ingest_runs.load_id).';
