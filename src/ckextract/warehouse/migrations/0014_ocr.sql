-- 0014: pages read by OCR (scans: no usable text layer) and how sure the reading was.
--
-- Every value read by OCR carries the lowest confidence Tesseract gave its glyphs
-- (0-100); a value from a text layer has NULL. The data-quality gate warns on
-- low-confidence names (ckextract.validate.checks).

ALTER TABLE raw_cells ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE networks_history ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE memberships_history ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE adoptions_history ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE quarantine_networks ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE quarantine_memberships ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE quarantine_adoptions ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE ingest_runs ADD COLUMN ocr_pages INTEGER;
ALTER TABLE ingest_runs ADD COLUMN ocr_seconds DOUBLE;

CREATE TABLE ocr_pages (
    document_id      VARCHAR NOT NULL,
    page_number      INTEGER NOT NULL,
    seconds          DOUBLE NOT NULL,
    glyphs           INTEGER NOT NULL,
    mean_confidence  DOUBLE,
    skew_degrees     DOUBLE NOT NULL,
    load_id          VARCHAR,
    PRIMARY KEY (document_id, page_number)
);

COMMENT ON TABLE ocr_pages IS 'Pages read by OCR (no usable text layer: a scan, or (cid:NN) glyphs only): one row per page, with the time it took.';
COMMENT ON COLUMN ocr_pages.document_id IS 'Document the page belongs to (documents.document_id).';
COMMENT ON COLUMN ocr_pages.page_number IS 'Page number, 1-based.';
COMMENT ON COLUMN ocr_pages.seconds IS 'Seconds the page took: rendering at 300 dpi, straightening, finding its lines, Tesseract.';
COMMENT ON COLUMN ocr_pages.glyphs IS 'Glyphs read on the page.';
COMMENT ON COLUMN ocr_pages.mean_confidence IS 'Mean OCR confidence of those glyphs (0-100); NULL when OCR read nothing.';
COMMENT ON COLUMN ocr_pages.skew_degrees IS 'How far the page was turned before it was read (degrees, counter-clockwise positive).';
COMMENT ON COLUMN ocr_pages.load_id IS 'Ingest run that wrote the row.';
COMMENT ON COLUMN raw_cells.ocr_confidence IS 'Lowest OCR confidence (0-100) of the cell''s glyphs; NULL when they come from a text layer.';
COMMENT ON COLUMN networks_history.ocr_confidence IS 'Lowest OCR confidence (0-100) of the network''s name as read; NULL from a text layer.';
COMMENT ON COLUMN memberships_history.ocr_confidence IS 'Lowest OCR confidence (0-100) of the 構成員 cell the member was read from; NULL from a text layer.';
COMMENT ON COLUMN adoptions_history.ocr_confidence IS 'Lowest OCR confidence (0-100) of the project name as read; NULL from a text layer.';
COMMENT ON COLUMN quarantine_networks.ocr_confidence IS 'As networks_history.ocr_confidence.';
COMMENT ON COLUMN quarantine_memberships.ocr_confidence IS 'As memberships_history.ocr_confidence.';
COMMENT ON COLUMN quarantine_adoptions.ocr_confidence IS 'As adoptions_history.ocr_confidence.';
COMMENT ON COLUMN ingest_runs.ocr_pages IS 'Pages the run read by OCR (ocr_pages has the time of each).';
COMMENT ON COLUMN ingest_runs.ocr_seconds IS 'Seconds the run spent reading those pages.';
COMMENT ON COLUMN repairs.network_id IS 'The record the repair changed: a network''s id, or for a region name read by OCR on a map, map:p<page>:<region>.';
COMMENT ON COLUMN org_aliases.rule IS 'rename, legal_form, abbreviation or ocr_confusion (see ckextract.organizations).';
COMMENT ON COLUMN membership_orgs.rule IS 'exact, rename, legal_form, abbreviation or ocr_confusion (see ckextract.organizations).';
