-- 0003: adoptions (adoption lists and maps), their links to networks, multi-program regions.

CREATE TABLE adoptions (
    adoption_id      VARCHAR PRIMARY KEY,
    document_id      VARCHAR NOT NULL,
    program_id       VARCHAR,
    region_name      VARCHAR NOT NULL,
    region_code      VARCHAR,
    lead_institution VARCHAR,
    project_name     VARCHAR NOT NULL,
    project_name_raw VARCHAR NOT NULL,
    fiscal_year      INTEGER,
    field            VARCHAR,
    proposal_type    VARCHAR,
    page_number      INTEGER NOT NULL,
    entry_index      INTEGER NOT NULL,
    layout           VARCHAR NOT NULL,
    marker_colour    VARCHAR,
    table_id         INTEGER,
    row_index        INTEGER
);

CREATE TABLE adoption_network_links (
    adoption_id      VARCHAR NOT NULL,
    network_id       VARCHAR NOT NULL,
    rule             VARCHAR NOT NULL,
    score            DOUBLE NOT NULL,
    PRIMARY KEY (adoption_id, network_id)
);

CREATE VIEW v_adoptions AS
SELECT a.*, p.name_ja AS program_name, l.network_id, n.name AS network_name, l.rule AS link_rule, l.score AS link_score
FROM adoptions a
LEFT JOIN programs p USING (program_id)
LEFT JOIN adoption_network_links l USING (adoption_id)
LEFT JOIN networks n ON n.network_id = l.network_id;

CREATE VIEW v_multi_program_regions AS
SELECT coalesce(region_code, region_name) AS region_key,
       min(region_name) AS region_name,
       region_code,
       list(DISTINCT program_id ORDER BY program_id) AS programs,
       count(DISTINCT program_id) AS program_count,
       count(*) AS adoption_count,
       bool_or(program_id = 'chihou_daigaku') AND bool_or(program_id = 'kyoso_no_ba') AS chihou_and_kyoso
FROM (SELECT DISTINCT program_id, region_name, region_code, project_name FROM adoptions WHERE program_id IS NOT NULL)
GROUP BY region_key, region_code
HAVING count(DISTINCT program_id) > 1;

COMMENT ON TABLE adoptions IS 'One adopted project (採択拠点) of a program in a region, from an adoption list or a map slide.';
COMMENT ON COLUMN adoptions.adoption_id IS 'Stable id: hash of document, layout, position and project name.';
COMMENT ON COLUMN adoptions.document_id IS 'Document it was read from.';
COMMENT ON COLUMN adoptions.program_id IS 'Program: on a map, from the marker colour via the page''s legend; in a table, from its program column or title. NULL when unknown (an unknown colour is reported).';
COMMENT ON COLUMN adoptions.region_name IS 'Region as printed before ×, normalized (e.g. 京都府, 東京都等, 東松島市).';
COMMENT ON COLUMN adoptions.region_code IS 'JIS X 0401 (prefecture) or 総務省 6-digit code (municipality); a trailing 等 is ignored for the lookup; NULL when unknown.';
COMMENT ON COLUMN adoptions.lead_institution IS 'Lead institution as printed (京都大学等); NULL when none is printed.';
COMMENT ON COLUMN adoptions.project_name IS 'Project name, normalized, wrapped lines joined.';
COMMENT ON COLUMN adoptions.project_name_raw IS 'Project name as printed (lines joined).';
COMMENT ON COLUMN adoptions.fiscal_year IS 'Fiscal year of adoption (令和/平成 converted); NULL when not printed.';
COMMENT ON COLUMN adoptions.field IS '分野 as printed, normalized; NULL when not printed.';
COMMENT ON COLUMN adoptions.proposal_type IS '提案タイプ (育成型/本格型 …); NULL when not printed.';
COMMENT ON COLUMN adoptions.page_number IS 'Page it is printed on.';
COMMENT ON COLUMN adoptions.entry_index IS 'Order on the map page / in the table, from 1.';
COMMENT ON COLUMN adoptions.layout IS 'Layout that read it (map_legend, adoption_table).';
COMMENT ON COLUMN adoptions.marker_colour IS 'Map marker fill colour #rrggbb (NULL for tables).';
COMMENT ON COLUMN adoptions.table_id IS 'Table it was read from (NULL for maps).';
COMMENT ON COLUMN adoptions.row_index IS 'Row in that table (NULL for maps).';

COMMENT ON TABLE adoption_network_links IS 'Adoption → the network of the same program and region whose name or plan name matches its project name. Recomputed after every load.';
COMMENT ON COLUMN adoption_network_links.adoption_id IS 'Adoption.';
COMMENT ON COLUMN adoption_network_links.network_id IS 'Network.';
COMMENT ON COLUMN adoption_network_links.rule IS 'exact_name (equal after normalization) or similar_name (similarity ≥ threshold, best candidate).';
COMMENT ON COLUMN adoption_network_links.score IS 'Similarity of project name and network name/plan name, 0..1.';
COMMENT ON VIEW v_adoptions IS 'Each adoption with its program name and linked network (if any).';
COMMENT ON VIEW v_multi_program_regions IS 'Regions adopted by more than one program (the deck''s ★ regions are those with chihou_and_kyoso).';
