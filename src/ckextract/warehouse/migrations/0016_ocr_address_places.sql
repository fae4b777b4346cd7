-- 0016: an address's prefecture and city OCR misread are mended too, not only its town
-- (ckextract.addresses.mend_address), under the same rule ocr_address.

COMMENT ON COLUMN repairs.network_id IS 'The record the repair changed: a network''s id; for a region name read by OCR on a map, map:p<page>:<region>; for a place''s name (prefecture, city or town) in an address read by OCR, ocr:p<page>:<the line as read>.';
COMMENT ON COLUMN repairs.rule IS 'Name of the rule that repaired it (ocr_region and ocr_address: a name OCR misread, mended against the region list or Japan Post''s prefectures, cities and towns).';
