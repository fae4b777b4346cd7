-- 0015: a town's name in an address OCR misread, mended against Japan Post's towns
-- (ckextract.addresses), is a repair of its page: rule ocr_address.

COMMENT ON COLUMN repairs.network_id IS 'The record the repair changed: a network''s id; for a region name read by OCR on a map, map:p<page>:<region>; for a town''s name in an address read by OCR, ocr:p<page>:<the line as read>.';
COMMENT ON COLUMN repairs.rule IS 'Name of the rule that repaired it (ocr_region and ocr_address: a name OCR misread, mended against the region list or Japan Post''s towns).';
