-- 0013: the columns views compute (counts, lists, ranks, renamed columns) described where
-- they are defined; columns a view takes unchanged from a table are described in the data
-- dictionary by that table's comment (ckextract.warehouse.dictionary.inherited).

COMMENT ON COLUMN editions.edition_rank IS 'Position of the edition in its series, 1 = oldest (by published_on, then edition, then first seen).';
COMMENT ON COLUMN editions.editions_in_series IS 'How many editions the series has.';
COMMENT ON COLUMN current_documents.edition_rank IS 'Position of the edition in its series, 1 = oldest (the current one has the highest).';
COMMENT ON COLUMN current_documents.editions_in_series IS 'How many editions the series has.';
COMMENT ON COLUMN current_content.kind IS 'Kind of content (a layout: network_table, map_legend, adoption_list, a list spec) whose latest edition this is.';
COMMENT ON COLUMN current_content.edition_rank IS 'Edition rank of the document that holds the latest edition of this kind of content.';

COMMENT ON COLUMN v_network_members.program_name IS 'Program name in Japanese (programs.name_ja).';
COMMENT ON COLUMN v_network_members.network_name IS 'Name of the network (networks.name).';

COMMENT ON COLUMN v_org_networks.name_in_source IS 'The organization''s name as the document prints it (memberships.org_name).';
COMMENT ON COLUMN v_org_networks.match_rule IS 'How the printed name was matched to the organization (membership_orgs.rule).';
COMMENT ON COLUMN v_org_networks.network_name IS 'Name of the network (networks.name).';

COMMENT ON COLUMN v_bridging_orgs.network_count IS 'Networks of the region the organization is a member of (two or more).';
COMMENT ON COLUMN v_bridging_orgs.networks IS 'Names of those networks.';
COMMENT ON COLUMN v_bridging_orgs.programs IS 'Programs of those networks (program_id).';
COMMENT ON COLUMN v_bridging_orgs.roles IS 'The organization''s roles in those networks, as printed.';

COMMENT ON COLUMN v_region_summary.networks IS 'Current networks of the region.';
COMMENT ON COLUMN v_region_summary.chihou_daigaku IS 'Of those, networks of 地方大学・地域産業創生交付金.';
COMMENT ON COLUMN v_region_summary.kyoso_no_ba IS 'Of those, networks of 共創の場形成支援プログラム.';
COMMENT ON COLUMN v_region_summary.coi IS 'Of those, networks of COI.';
COMMENT ON COLUMN v_region_summary.mic_survey IS 'Of those, councils from the MIC survey of prefectural 産学官連携 councils.';
COMMENT ON COLUMN v_region_summary.memberships IS 'Memberships in the region''s networks.';
COMMENT ON COLUMN v_region_summary.organizations IS 'Distinct organizations among those members.';
COMMENT ON COLUMN v_region_summary.orgs_学 IS 'Distinct organizations of sector 学 (academia).';
COMMENT ON COLUMN v_region_summary.orgs_官 IS 'Distinct organizations of sector 官 (government).';
COMMENT ON COLUMN v_region_summary.orgs_産 IS 'Distinct organizations of sector 産 (industry).';
COMMENT ON COLUMN v_region_summary.bridging_orgs IS 'Organizations in two or more of the region''s networks (v_bridging_orgs).';
COMMENT ON COLUMN v_region_summary.bridging_names IS 'Their canonical names.';

COMMENT ON COLUMN v_multi_program_regions.region_key IS 'The region''s code, or its name when it has none (a city).';
COMMENT ON COLUMN v_multi_program_regions.programs IS 'Programs with an adoption in the region (program_id).';
COMMENT ON COLUMN v_multi_program_regions.program_count IS 'How many programs.';
COMMENT ON COLUMN v_multi_program_regions.adoption_count IS 'Adoptions (projects) in the region, all programs.';
COMMENT ON COLUMN v_multi_program_regions.chihou_and_kyoso IS 'Whether the region has both a 地方大学 and a 共創の場 adoption.';

COMMENT ON COLUMN v_adoptions.program_name IS 'Program name in Japanese (programs.name_ja).';
COMMENT ON COLUMN v_adoptions.network_name IS 'Name of the network of the same program and region the adoption is linked to (adoption_network_links), if any.';
COMMENT ON COLUMN v_adoptions.link_rule IS 'How the adoption was linked to that network (adoption_network_links.rule).';
COMMENT ON COLUMN v_adoptions.link_score IS 'The link''s score (adoption_network_links.score).';
