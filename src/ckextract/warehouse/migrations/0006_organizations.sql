-- 0006: the organization registry, its aliases, membership links, and the analysts' views.

CREATE TABLE organizations (
    org_id           VARCHAR PRIMARY KEY,
    canonical_name   VARCHAR NOT NULL,
    sector           VARCHAR,
    kind             VARCHAR NOT NULL,
    prefecture_code  VARCHAR
);

CREATE TABLE org_aliases (
    alias            VARCHAR NOT NULL,
    org_id           VARCHAR NOT NULL,
    rule             VARCHAR NOT NULL,
    valid_from       DATE,
    valid_to         DATE,
    source           VARCHAR NOT NULL,
    PRIMARY KEY (alias, org_id)
);

CREATE TABLE membership_orgs (
    network_id       VARCHAR NOT NULL,
    position         INTEGER NOT NULL,
    org_id           VARCHAR NOT NULL,
    rule             VARCHAR NOT NULL,
    PRIMARY KEY (network_id, position)
);

CREATE VIEW v_org_networks AS
SELECT o.org_id, o.canonical_name, o.kind, m.sector, m.role, m.org_name AS name_in_source, mo.rule AS match_rule,
       n.network_id, n.name AS network_name, n.program_id, n.region_name, n.region_code, n.document_id
FROM memberships m
JOIN membership_orgs mo USING (network_id, position)
JOIN organizations o USING (org_id)
JOIN networks n USING (network_id);

CREATE VIEW v_bridging_orgs AS
SELECT region_code, min(region_name) AS region_name, org_id, min(canonical_name) AS canonical_name,
       min(kind) AS kind, count(DISTINCT network_id) AS network_count,
       list(DISTINCT network_name ORDER BY network_name) AS networks,
       list(DISTINCT program_id ORDER BY program_id) AS programs,
       list(DISTINCT role ORDER BY role) FILTER (WHERE role IS NOT NULL) AS roles
FROM v_org_networks
GROUP BY region_code, org_id
HAVING count(DISTINCT network_id) >= 2;

CREATE VIEW v_region_summary AS
WITH nets AS (
    SELECT region_code, min(region_name) AS region_name, count(*) AS networks,
           count(*) FILTER (WHERE program_id = 'chihou_daigaku') AS chihou_daigaku,
           count(*) FILTER (WHERE program_id = 'kyoso_no_ba') AS kyoso_no_ba,
           count(*) FILTER (WHERE program_id = 'coi') AS coi,
           count(*) FILTER (WHERE program_id = 'mic_survey') AS mic_survey
    FROM networks GROUP BY region_code
), members AS (
    SELECT region_code, count(*) AS memberships, count(DISTINCT org_id) AS organizations,
           count(DISTINCT org_id) FILTER (WHERE sector = '学') AS orgs_学,
           count(DISTINCT org_id) FILTER (WHERE sector = '官') AS orgs_官,
           count(DISTINCT org_id) FILTER (WHERE sector = '産') AS orgs_産
    FROM v_org_networks GROUP BY region_code
), bridges AS (
    SELECT region_code, count(*) AS bridging_orgs, list(canonical_name ORDER BY network_count DESC, canonical_name)
           AS bridging_names
    FROM v_bridging_orgs GROUP BY region_code
)
SELECT nets.*, members.memberships, members.organizations, members.orgs_学, members.orgs_官, members.orgs_産,
       coalesce(bridges.bridging_orgs, 0) AS bridging_orgs, bridges.bridging_names
FROM nets LEFT JOIN members USING (region_code) LEFT JOIN bridges USING (region_code);

COMMENT ON TABLE organizations IS 'One row per organization, however the sources spell it (rebuilt after each load).';
COMMENT ON COLUMN organizations.org_id IS 'Stable id from the canonical name.';
COMMENT ON COLUMN organizations.canonical_name IS 'Current name: after dated renames; the shortest legal-form spelling seen.';
COMMENT ON COLUMN organizations.sector IS 'The sector (学/官/産) it is listed under most often.';
COMMENT ON COLUMN organizations.kind IS 'From the name: university, public_university, junior_college, kosen, company, bank, cooperative, chamber_of_commerce, commerce_association, local_government, association_of_governments, business_association, incorporated_association, policy_finance, agency, other.';
COMMENT ON COLUMN organizations.prefecture_code IS 'JIS X 0401 code of the prefecture its name starts with (or that it is); NULL otherwise.';
COMMENT ON TABLE org_aliases IS 'Other names of an organization: spelling variants seen in sources and dated renames.';
COMMENT ON COLUMN org_aliases.alias IS 'The other name (normalized).';
COMMENT ON COLUMN org_aliases.org_id IS 'Organization it denotes.';
COMMENT ON COLUMN org_aliases.rule IS 'rename, legal_form or abbreviation.';
COMMENT ON COLUMN org_aliases.valid_from IS 'First day the alias was the name (NULL: not known).';
COMMENT ON COLUMN org_aliases.valid_to IS 'Day the alias stopped being the name (exclusive; the rename date), NULL for spelling variants.';
COMMENT ON COLUMN org_aliases.source IS 'Why: the rename and its date, or the source spelling.';
COMMENT ON TABLE membership_orgs IS 'Every membership (network_id, position) linked to its organization, with the rule that matched it.';
COMMENT ON COLUMN membership_orgs.network_id IS 'Network.';
COMMENT ON COLUMN membership_orgs.position IS 'Membership position in that network.';
COMMENT ON COLUMN membership_orgs.org_id IS 'Organization.';
COMMENT ON COLUMN membership_orgs.rule IS 'exact, rename, legal_form or abbreviation (see ckextract.organizations).';
COMMENT ON VIEW v_org_networks IS 'Per organization, the current networks it belongs to, across programs and regions.';
COMMENT ON VIEW v_bridging_orgs IS 'Organizations in two or more networks of one region: the links between networks.';
COMMENT ON VIEW v_region_summary IS 'Per region: networks per program, organizations per sector, bridging organizations.';
