-- 0010: editions per kind of content, and the adoption as an entity.
--
-- What a document supersedes is decided per kind of content (its layouts: network_table,
-- map_legend, adoption_table, list:<id>): the current networks are those of the latest
-- edition of the series that has a network table, the current map adoptions those of the
-- latest edition that has a map, and so on. A new edition of a deck that no longer prints
-- its map slide leaves the map's adoptions current.
--
-- An adopted project printed by several documents (the map slide and the tabular list
-- print the same 共創の場 projects) is one row of adoption_projects, built from every
-- current sighting (adoption_sightings) by a documented rule (warehouse/adoptions.py).
-- The view `adoptions` is now that entity: one row per project.

ALTER TABLE adoptions_history ADD COLUMN marker_at VARCHAR;
ALTER TABLE quarantine_adoptions ADD COLUMN marker_at VARCHAR;

CREATE VIEW current_content AS
WITH kinds AS (
    SELECT e.series_id, e.document_id, e.edition_rank, unnest(string_split(d.layouts, ',')) AS kind
    FROM editions e JOIN documents d USING (document_id)
    WHERE d.layouts IS NOT NULL
)
SELECT series_id, kind, arg_max(document_id, edition_rank) AS document_id, max(edition_rank) AS edition_rank
FROM kinds GROUP BY series_id, kind;

CREATE OR REPLACE VIEW networks AS
SELECT * FROM networks_history n
WHERE EXISTS (SELECT 1 FROM current_content c WHERE c.document_id = n.document_id AND c.kind = n.layout);

CREATE OR REPLACE VIEW memberships AS
SELECT * FROM memberships_history m WHERE m.network_id IN (SELECT network_id FROM networks);

DROP VIEW v_adoptions;
DROP VIEW v_multi_program_regions;
DROP VIEW adoptions;

CREATE VIEW adoption_sightings AS
SELECT * FROM adoptions_history a
WHERE EXISTS (SELECT 1 FROM current_content c WHERE c.document_id = a.document_id AND c.kind = a.layout);

CREATE TABLE adoption_projects (
    adoption_id      VARCHAR PRIMARY KEY,
    program_id       VARCHAR,
    region_name      VARCHAR NOT NULL,
    region_code      VARCHAR,
    lead_institution VARCHAR,
    lead_source      VARCHAR,
    project_name     VARCHAR NOT NULL,
    fiscal_year      INTEGER,
    field            VARCHAR,
    proposal_type    VARCHAR,
    round            VARCHAR,
    document_ids     VARCHAR[] NOT NULL,
    layouts          VARCHAR[] NOT NULL,
    sightings        INTEGER NOT NULL,
    match_rule       VARCHAR NOT NULL
);

CREATE TABLE adoption_project_sightings (
    sighting_id      VARCHAR NOT NULL,
    adoption_id      VARCHAR NOT NULL,
    rule             VARCHAR NOT NULL,
    score            DOUBLE NOT NULL,
    PRIMARY KEY (sighting_id)
);

CREATE VIEW adoptions AS SELECT * FROM adoption_projects;

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
FROM adoptions WHERE program_id IS NOT NULL
GROUP BY region_key, region_code
HAVING count(DISTINCT program_id) > 1;

COMMENT ON COLUMN adoptions_history.marker_at IS 'On a map: where the marker that gave the program is printed (x,top); heading:… for a group heading''s marker. NULL for lists.';
COMMENT ON COLUMN quarantine_adoptions.marker_at IS 'As in adoptions_history.marker_at.';
COMMENT ON VIEW current_content IS 'Per series and kind of content (a layout: network_table, map_legend, adoption_table, list:<id>), the latest edition that has it: what the current views show. An edition without some kind of content does not supersede it.';
COMMENT ON VIEW networks IS 'Current state: networks of the latest edition of each series that has a network table (history: networks_history).';
COMMENT ON VIEW memberships IS 'Current state: memberships of the current networks (history: memberships_history).';
COMMENT ON VIEW adoption_sightings IS 'Each printing of an adoption in a current document (a map entry, a list row): the rows adoptions is built from (history: adoptions_history).';
COMMENT ON TABLE adoption_projects IS 'One row per adopted project, however many documents print it (rebuilt after each load; read it as the view adoptions).';
COMMENT ON COLUMN adoption_projects.adoption_id IS 'Stable id of the project: hash of program, region and the name it was first matched by.';
COMMENT ON COLUMN adoption_projects.program_id IS 'Program (NULL when a map marker''s colour is not in its legend).';
COMMENT ON COLUMN adoption_projects.region_name IS 'Region as printed, normalized.';
COMMENT ON COLUMN adoption_projects.region_code IS 'JIS X 0401 / 総務省 code of the region.';
COMMENT ON COLUMN adoption_projects.lead_institution IS 'Lead institution from the most specific source that prints one: a list''s 代表機関 column (one institution) before a map label (region×lead等: and others).';
COMMENT ON COLUMN adoption_projects.lead_source IS 'Layout the lead was taken from (adoption_table, list:<id>, map_legend).';
COMMENT ON COLUMN adoption_projects.project_name IS 'Project name, normalized, from the most specific source (a list before a map).';
COMMENT ON COLUMN adoption_projects.fiscal_year IS 'Fiscal year of adoption where a source prints it.';
COMMENT ON COLUMN adoption_projects.field IS '分野 where a source prints it.';
COMMENT ON COLUMN adoption_projects.proposal_type IS '提案タイプ where a source prints it.';
COMMENT ON COLUMN adoption_projects.round IS '公募回 where a list prints it.';
COMMENT ON COLUMN adoption_projects.document_ids IS 'The current documents that print it.';
COMMENT ON COLUMN adoption_projects.layouts IS 'How they print it (map_legend, adoption_table, list:<id>).';
COMMENT ON COLUMN adoption_projects.sightings IS 'How many times current documents print it.';
COMMENT ON COLUMN adoption_projects.match_rule IS 'single (one sighting), exact_name (same program, region and normalized name) or similar_name (same program and region, names at least 0.8 alike).';
COMMENT ON TABLE adoption_project_sightings IS 'Which project each sighting (adoptions_history.adoption_id) was matched to, by which rule.';
COMMENT ON COLUMN adoption_project_sightings.sighting_id IS 'The sighting (adoptions_history.adoption_id).';
COMMENT ON COLUMN adoption_project_sightings.adoption_id IS 'The project (adoption_projects.adoption_id).';
COMMENT ON COLUMN adoption_project_sightings.rule IS 'first (the sighting the project was made from), exact_name or similar_name.';
COMMENT ON COLUMN adoption_project_sightings.score IS 'Name similarity to the project, 0..1.';
COMMENT ON VIEW adoptions IS 'One row per adopted project (adoption_projects): count(*) counts projects; each has the documents that print it.';
COMMENT ON VIEW v_adoptions IS 'Each adopted project with its program name and linked network (if any).';
COMMENT ON VIEW v_multi_program_regions IS 'Regions adopted by more than one program (the deck''s ★ regions are those with chihou_and_kyoso).';
