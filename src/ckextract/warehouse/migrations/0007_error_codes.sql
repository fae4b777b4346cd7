-- The rejection codes as they are now (cid_only, decompression_bomb and extractor_error were added).
COMMENT ON COLUMN rejected_documents.error_code IS 'Stable code: empty, not_pdf, encrypted, damaged, no_text, cid_only, too_many_pages, decompression_bomb, extractor_error (a defect in ckextract, not in the file), error.';
