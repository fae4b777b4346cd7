-- 0012: why each table was taken for one, so a layout or a person can filter weak finds.
--
-- Tables are found by drawn rules, by rules bounding rows with columns read from the
-- text's alignment, or by the alignment of the text alone (ckextract.extract.aligned).

ALTER TABLE extracted_tables ADD COLUMN found_by VARCHAR;
ALTER TABLE extracted_tables ADD COLUMN confidence DOUBLE;

COMMENT ON COLUMN extracted_tables.found_by IS 'Why it was taken for a table: rules (drawn cells), both (drawn or typed rules bound its rows; its columns come from the alignment of its text) or alignment (the text alone: no line drawn). NULL for tables loaded before 0012.';
COMMENT ON COLUMN extracted_tables.confidence IS 'Evidence, 0 to 1: (rules + alignment) / 2, rules 1 for drawn cells, 0.5 for rules bounding rows only, 0 for none; alignment the share of its lines whose text stays within its columns (1 for drawn cells). The weakest page of a stitched table counts. NULL for tables loaded before 0012.';
