-- 0017: a list row read by OCR carries how sure the reading was, like the other records
-- (0014): the lowest confidence over its values, and each column's. The gate warns on a
-- required column read with low confidence (ckextract.lists.checks).

ALTER TABLE list_rows ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE list_rows ADD COLUMN ocr_confidences JSON;
ALTER TABLE quarantine_list_rows ADD COLUMN ocr_confidence DOUBLE;
ALTER TABLE quarantine_list_rows ADD COLUMN ocr_confidences JSON;

COMMENT ON COLUMN list_rows.ocr_confidence IS 'Lowest OCR confidence (0-100) of the row''s table values as read; NULL from a text layer.';
COMMENT ON COLUMN list_rows.ocr_confidences IS 'JSON: table column → lowest OCR confidence (0-100) of its value as read; NULL from a text layer.';
COMMENT ON COLUMN quarantine_list_rows.ocr_confidence IS 'As list_rows.ocr_confidence.';
COMMENT ON COLUMN quarantine_list_rows.ocr_confidences IS 'As list_rows.ocr_confidences.';
