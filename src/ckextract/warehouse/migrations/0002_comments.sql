-- 0002: every table and column says what it holds (docs/data-dictionary.md is generated from these).

COMMENT ON TABLE documents IS 'One row per ingested PDF (the latest good load of its bytes).';
COMMENT ON COLUMN documents.document_id IS 'sha256 hex of the file''s bytes: the document''s identity.';
COMMENT ON COLUMN documents.file_name IS 'File name as found.';
COMMENT ON COLUMN documents.path IS 'Path it was read from (as given to ingest).';
COMMENT ON COLUMN documents.title IS 'Title from the folder''s manifest.toml; NULL when not listed.';
COMMENT ON COLUMN documents.publisher IS 'Publishing ministry/office from the manifest; NULL when not listed.';
COMMENT ON COLUMN documents.published_on IS 'Publication date from the manifest; NULL when unknown.';
COMMENT ON COLUMN documents.is_reconstruction IS 'TRUE when the PDF was rebuilt from the document''s text (the original could not be downloaded).';
COMMENT ON COLUMN documents.size_bytes IS 'File size in bytes.';
COMMENT ON COLUMN documents.page_count IS 'Number of pages.';
COMMENT ON COLUMN documents.table_count IS 'Number of tables found (a table continued over pages counts once).';
COMMENT ON COLUMN documents.layouts IS 'Comma-separated names of the layouts that recognized its tables; NULL: no known layout (tables are still in raw_cells).';
COMMENT ON COLUMN documents.parser_version IS 'ckextract.PARSER_VERSION that produced the rows.';
COMMENT ON COLUMN documents.ingested_at IS 'When it was loaded (UTC).';

COMMENT ON TABLE rejected_documents IS 'Files that could not be read, with the reason; rows loaded earlier for the same bytes are kept.';
COMMENT ON COLUMN rejected_documents.document_id IS 'sha256 hex of the bytes as read.';
COMMENT ON COLUMN rejected_documents.file_name IS 'File name.';
COMMENT ON COLUMN rejected_documents.path IS 'Path it was read from.';
COMMENT ON COLUMN rejected_documents.error_code IS 'Stable code: empty, not_pdf, encrypted, damaged, no_text, too_many_pages, error.';
COMMENT ON COLUMN rejected_documents.reason IS 'One-line reason, as printed by the CLI.';
COMMENT ON COLUMN rejected_documents.rejected_at IS 'When it was rejected (UTC).';

COMMENT ON TABLE programs IS 'Programs (grants, adoption programs, surveys) networks belong to.';
COMMENT ON COLUMN programs.program_id IS 'Stable id: chihou_daigaku, kyoso_no_ba, coi, mic_survey.';
COMMENT ON COLUMN programs.name_ja IS 'Program name in Japanese.';
COMMENT ON COLUMN programs.ministry_ja IS 'Responsible ministry/office in Japanese.';

COMMENT ON TABLE extracted_tables IS 'Every table found in every PDF.';
COMMENT ON COLUMN extracted_tables.document_id IS 'Document (documents.document_id).';
COMMENT ON COLUMN extracted_tables.table_id IS 'Table number within the document, in reading order from 0.';
COMMENT ON COLUMN extracted_tables.pages IS 'Pages (1-based) the table spans, stitched.';
COMMENT ON COLUMN extracted_tables.n_rows IS 'Rows after stitching (repeated headers dropped).';
COMMENT ON COLUMN extracted_tables.n_cols IS 'Columns.';
COMMENT ON COLUMN extracted_tables.x0 IS 'Left edge on its first page, PDF points from the left.';
COMMENT ON COLUMN extracted_tables.top IS 'Top edge on its first page, PDF points from the top.';
COMMENT ON COLUMN extracted_tables.x1 IS 'Right edge on its first page.';
COMMENT ON COLUMN extracted_tables.bottom IS 'Bottom edge on its first page.';

COMMENT ON TABLE raw_cells IS 'Every cell of every table, whether or not a layout recognized it: the provenance of every value.';
COMMENT ON COLUMN raw_cells.document_id IS 'Document (documents.document_id).';
COMMENT ON COLUMN raw_cells.table_id IS 'Table (extracted_tables.table_id).';
COMMENT ON COLUMN raw_cells.page_number IS 'Page (1-based) the cell is printed on.';
COMMENT ON COLUMN raw_cells.row_index IS 'Row in the stitched table, from 0.';
COMMENT ON COLUMN raw_cells.col_index IS 'Column, from 0.';
COMMENT ON COLUMN raw_cells.row_span IS 'Rows a merged cell covers (1 if not merged).';
COMMENT ON COLUMN raw_cells.col_span IS 'Columns a merged cell covers (1 if not merged).';
COMMENT ON COLUMN raw_cells.text IS 'Cell text as printed: wrapped lines joined (line_wrap_join), fake-bold duplicates removed; not otherwise normalized.';
COMMENT ON COLUMN raw_cells.x0 IS 'Cell left edge, PDF points.';
COMMENT ON COLUMN raw_cells.top IS 'Cell top edge, PDF points from the page top.';
COMMENT ON COLUMN raw_cells.x1 IS 'Cell right edge.';
COMMENT ON COLUMN raw_cells.bottom IS 'Cell bottom edge.';

COMMENT ON TABLE networks IS 'One 産学官 network (council, 拠点) of one program in one region.';
COMMENT ON COLUMN networks.network_id IS 'Stable id: hash of document, program, region and name.';
COMMENT ON COLUMN networks.document_id IS 'Document it was read from.';
COMMENT ON COLUMN networks.program_id IS 'Program (programs.program_id), read from the table''s group header.';
COMMENT ON COLUMN networks.region_name IS 'Region as printed, normalized (e.g. 広島県).';
COMMENT ON COLUMN networks.region_code IS 'JIS X 0401 code for a prefecture (2 digits), 総務省 全国地方公共団体コード for a municipality (6 digits); NULL when unknown.';
COMMENT ON COLUMN networks.name IS 'Network name, normalized (textrules.normalize_text), without its (計画名：…) part.';
COMMENT ON COLUMN networks.name_raw IS 'Name cell as printed (lines joined).';
COMMENT ON COLUMN networks.plan_name IS 'Plan name from (計画名：…); NULL when none is printed.';
COMMENT ON COLUMN networks.overview IS '取組概要, normalized; NULL when printed as -.';
COMMENT ON COLUMN networks.page_number IS 'Page of the name cell.';
COMMENT ON COLUMN networks.table_id IS 'Table it was read from.';
COMMENT ON COLUMN networks.row_index IS 'Row of the region in that table.';
COMMENT ON COLUMN networks.layout IS 'Layout that read it (e.g. network_table).';

COMMENT ON TABLE memberships IS 'One member (organization) of a network, by sector.';
COMMENT ON COLUMN memberships.network_id IS 'Network (networks.network_id).';
COMMENT ON COLUMN memberships.document_id IS 'Document it was read from.';
COMMENT ON COLUMN memberships.position IS 'Order in the 構成員 cell as printed, from 1 (after repairs).';
COMMENT ON COLUMN memberships.sector IS '学 (academia), 官 (government) or 産 (industry), from the 【学】【官】【産】 tags.';
COMMENT ON COLUMN memberships.org_name IS 'Organization, normalized, with a person''s title split off (role).';
COMMENT ON COLUMN memberships.org_name_raw IS 'Member as printed (before normalization and role split).';
COMMENT ON COLUMN memberships.role IS 'A person''s title printed after the organization (代表取締役会長, 頭取, 会頭, …); NULL when none.';

COMMENT ON TABLE repairs IS 'Corrections of slips in the source, never silent (e.g. fragment_repair, duplicate_member).';
COMMENT ON COLUMN repairs.document_id IS 'Document.';
COMMENT ON COLUMN repairs.network_id IS 'Network whose cell was repaired.';
COMMENT ON COLUMN repairs.rule IS 'Name of the rule that repaired it.';
COMMENT ON COLUMN repairs.before IS 'Text as printed.';
COMMENT ON COLUMN repairs.after IS 'Text as loaded.';

COMMENT ON VIEW v_network_members IS 'Each member with its network, program and region: the first thing to query.';

COMMENT ON TABLE schema_migrations IS 'Migrations applied to this warehouse.';
COMMENT ON COLUMN schema_migrations.version IS 'Migration number (file prefix).';
COMMENT ON COLUMN schema_migrations.name IS 'Migration file name.';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (UTC).';
