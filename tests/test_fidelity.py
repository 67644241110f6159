"""Fidelity to the papers: each test pins one fix of issue 8 to the paper
passage that justifies it (the passage is named in the docstring)."""

from __future__ import annotations

from conftest import answers_of

from gvc_advisor.engine.advice import build_advice
from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.coverage import coverage_grid

KB = load_knowledge_base(default_kb_root())
HU_MEASURES = {"patent-sharing-alliance", "common-technology-platform", "regional-brand", "build-leading-enterprise",
               "develop-domestic-and-emerging-markets"}
BRAND_ROUTE = {"own-brand-high-end", "partner-international-brand", "acquire-foreign-brand"}
LOCKED = {"margin_squeeze": "yes", "value_share": 8, "cost_pass_through": "no", "trade_frictions": "yes"}


def consult(**raw):
    return engine_for(KB).consult(answers_of(KB, raw))


def made(**raw) -> set[str]:
    return {c.target for c in consult(**raw).recommended}


def test_hu2013_measures_belong_to_endogenous_clusters_only():
    """hu2013, 'Breakthrough path … different from exogenous clusters': the measures are for endogenous,
    private-capital clusters; for exogenous ones the path differs and nothing is prescribed."""
    firm = dict(employees=200, own_brand="none", imitation_problem="yes", cluster_association="yes",
                research_institutes_nearby="yes", industry="textiles", **LOCKED)
    endogenous = consult(cluster_origin="endogenous", **firm)
    assert {"patent-sharing-alliance", "common-technology-platform", "regional-brand",
            "develop-domestic-and-emerging-markets"} <= {c.target for c in endogenous.recommended}
    exogenous = consult(cluster_origin="exogenous", **firm)
    assert not (HU_MEASURES - {"develop-domestic-and-emerging-markets"}) & {c.target for c in exogenous.recommended}
    assert "exogenous-cluster-path" in {w.target for w in exogenous.raised_warnings}
    # the invented exogenous path (process upgrading through foreign firms) is gone
    assert "process-upgrading-with-buyer" not in made(cluster_origin="exogenous")
    # and nothing of hu2013 without lock-in symptoms
    assert not HU_MEASURES & made(cluster_origin="endogenous", employees=200, imitation_problem="yes",
                                  margin_squeeze="no")


def test_locked_in_sme_with_unknown_rd_gets_the_common_platform():
    """hu2013, 'prisoner's dilemma': most cluster firms are SMEs without separate research ability."""
    assert "common-technology-platform" in made(cluster_origin="endogenous", employees=150, **LOCKED)


def test_leading_firm_advice_depends_on_the_driver():
    """dai2009 §III after Table III: producer-driven chains call for core technology, buyer-driven for
    sales channels (and brands)."""
    producer = made(governance="relational", driver="producer", firm_status="leading", own_brand="domestic",
                    own_sales_channels="domestic", capital_strength="strong")
    buyer = made(governance="relational", driver="buyer", firm_status="leading", own_brand="domestic",
                 own_sales_channels="domestic", capital_strength="strong")
    assert "strengthen-core-technology" in producer and not BRAND_ROUTE & producer
    assert buyer >= BRAND_ROUTE and "strengthen-core-technology" not in buyer


def test_hierarchy_gets_no_talent_advice_and_no_brand_market_or_merger_moves():
    """liu2007 §2.3.5 only defines hierarchy (vertical integration, ownership and managerial control)."""
    assert "talent-and-incentives" not in made(governance="hierarchy", driver="buyer", firm_status="large")
    subsidiary = made(governance="hierarchy", driver="buyer", firm_status="leading", own_brand="domestic",
                      own_sales_channels="domestic", capital_strength="strong", cluster_origin="endogenous",
                      **LOCKED)
    assert not subsidiary & (BRAND_ROUTE | {"develop-domestic-and-emerging-markets", "aircraft-carrier-alliance",
                                            "build-leading-enterprise", "regional-brand"})


def test_acquiring_a_foreign_brand_is_functional_upgrading():
    """dai2009 Table I: functional upgrading moves into the high-value segments of the same chain."""
    assert KB.recommendations["acquire-foreign-brand"].upgrading_type.value == "functional"


def test_intermediary_services_need_a_captive_chain():
    """dai2009 §IV: service outsourcing is for leading enterprises in captured networks."""
    firm = dict(buyer_type="trading_intermediary", firm_status="leading")
    assert "manufacturing-to-service-outsourcing" in made(governance="captive", **firm)
    assert "manufacturing-to-service-outsourcing" not in made(governance="relational", **firm)


def test_an_odm_without_a_brand_meets_blocking_not_brand_competition():
    """hu2013, 'domestic market': buyers block suppliers' R&D and design; dai2009 §IV: only an own brand
    competes with the brand customers."""
    c = consult(governance="captive", production_mode="odm", own_brand="none")
    warned = {w.target for w in c.raised_warnings}
    assert "lead-firms-block-brand-channels" in warned and "own-brand-provokes-lead-firm" not in warned


def test_dominant_buyer_is_weak_evidence_cancelled_by_supplier_competence():
    """liu2007 §2.3.4: dependence for 50 % or more *and* for process technology makes small suppliers captive."""
    alone = consult(largest_buyer_share=60)
    assert alone.facts["governance"]["captive"].cf == 0.4
    competent = consult(largest_buyer_share=60, supplier_competence="high")
    assert "captive" not in competent.facts.get("governance", {})


def test_ownership_rules_out_the_other_four_governance_types():
    """liu2007 §2.3.5: hierarchy is transactions inside one firm."""
    c = consult(vertically_integrated="yes", largest_buyer_share=100, buyer_supplies_technology="yes",
                order_pattern="directed", transaction_complexity="high", codifiability="high",
                supplier_competence="high")
    assert c.established("governance")[0][0] == "hierarchy" and c.alternatives("governance") == []
    assert all(c.facts["governance"][v].cf <= 0 for v in ("market", "modular", "relational", "captive"))


def test_citations_follow_the_papers():
    """liu2007 §2.3 summarises Gereffi, Humphrey & Sturgeon 2005; hu2013 'leading enterprises': lead firms
    formulate and oversee rules; hu2013 'dilemma': about 10 % is the processing fee, not a margin."""
    for rid in ("gov-table-market", "gov-table-modular", "gov-table-relational", "gov-table-captive",
                "gov-table-hierarchy"):
        (ref,) = KB.rule(rid).sources
        assert ref.key == "liu2007" and "Gereffi, Humphrey & Sturgeon 2005" in ref.section
    assert [r.key for r in KB.rule("gov-directed").sources] == ["hu2013"]
    thin = KB.rule("lock-thin-margin")
    assert "value_share" in str(thin.when) and "profit_margin" not in str(thin.when)
    assert "not a profit margin" in thin.because


def test_apparel_wording_is_not_given_to_auto_parts():
    """liu2007 §3.3 describes full-package supply for apparel; the advice must fit any assembler."""
    advice = build_advice(KB, consult(production_mode="assembly", industry="auto_parts"))
    assert advice.item("full-package-supply") is not None
    assert not any("fabric" in a or "trims" in a for a in KB.recommendations["full-package-supply"].actions)


def test_shoe_brand_strategies_check_driver_governance_and_own_brand():
    """shoes §6.4–6.6 are for leading firms of a buyer-driven industry; §6.6's acquisition complements a
    brand the firm already has."""
    leader = dict(firm_status="leading", driver="buyer", own_sales_channels="domestic", capital_strength="strong")
    assert not BRAND_ROUTE & made(governance="captive", own_brand="domestic", **leader)
    assert "acquire-foreign-brand" not in made(governance="relational", own_brand="none", **leader)
    assert "acquire-foreign-brand" in made(governance="relational", own_brand="domestic", **leader)


def test_points_where_the_papers_disagree_are_shown_naming_both():
    """hu2013 (regional brand) vs shoes §6.4; hu2013/shoes §6.3 vs liu2007 §4.4 (malnutrition of SMEs);
    hu2013 (buyers block design) vs dai2009 Table III."""
    expected = {"own-brand-high-end": {"shoes", "hu2013"}, "regional-brand": {"hu2013", "shoes"},
                "build-leading-enterprise": {"hu2013", "liu2007"},
                "strengthen-industrial-design": {"dai2009", "hu2013"}}
    for rec_id, papers in expected.items():
        (disagreement,) = KB.recommendations[rec_id].disagreements
        assert {r.key for r in disagreement.sources} == papers
    item = build_advice(KB, consult(governance="captive", driver="buyer", firm_status="sme")).item(
        "strengthen-industrial-design")
    assert item.disagreements and "hu2013" in item.disagreements[0].papers
    assert KB.rule("shoes-own-brand-domestic").then[0].cf == 0.6  # hedged, hu2013 among its sources
    assert "hu2013" in {r.key for r in KB.rule("shoes-own-brand-domestic").sources}


def test_relocation_weighs_transaction_costs_not_factor_costs_alone():
    """shoes §IV: business cost = transaction cost (supporting environment, infrastructure, government
    efficiency) + factor cost; past a critical value firms upgrade and transfer."""
    critical = dict(cost_pressure="yes", labour_shortage="severe", raw_material_prices="huge_increase",
                    currency_pressure="yes")

    def cfs(support: str) -> tuple[float, float]:
        c = consult(cluster_support=support, **critical)
        return c.recommendations["relocate-labor-intensive-links"].cf, c.recommendations["upgrade-in-place"].cf

    relocate, in_place = cfs("strong")
    assert in_place > relocate
    relocate, in_place = cfs("weak")
    assert relocate > in_place
    advice = build_advice(KB, consult(cluster_support="weak", **critical))
    (choice,) = [g for g in advice.choices if g.id == "relocate-or-upgrade-in-place"]
    assert choice.options == ("relocate-labor-intensive-links", "upgrade-in-place")
    assert advice.item("relocate-labor-intensive-links").urgency == "urgent"


def test_table_three_rows_on_separation_and_entry_barriers_are_driver_evidence():
    """dai2009 Table III: sections separated by FDI / subcontracting; entry barrier scale / scope."""
    assert consult(industry="other", production_separation="own_plants").value_of("driver")[0] == "producer"
    assert consult(industry="other", entry_barrier="scope").value_of("driver")[0] == "buyer"
    assert consult(industry="other", production_separation="both", entry_barrier="both").value_of("driver")[0] \
        == "mixed"


def test_liu2007_supply_chain_cities_footloose_buyers_and_executive_governance():
    """liu2007 §3.2 (supply-chain cities), §4.3 (buyers look for new sources of supply), §2.3 (executive
    governance: support resources such as new technologies)."""
    leader = made(firm_status="leading", driver="buyer", governance="captive", capital_strength="strong")
    assert {"integrate-supply-chain", "manufacturing-to-service-outsourcing"} <= leader
    assert "footloose-buyers" in {w.target for w in consult(buyers_shifting_orders="yes").raised_warnings}
    helped = consult(buyer_standards="yes", buyer_supplies_technology="yes")
    assert "liu-executive-support" in helped.recommendations["process-upgrading-with-buyer"].rule_ids


def test_shipped_grid_has_no_advice_next_to_a_warning_against_it():
    grid = coverage_grid(KB)
    assert [c for c in grid if c.contradictions] == []
    hierarchy = [c for c in grid if c.governance == "hierarchy"]
    assert all(not BRAND_ROUTE & {r for r, _ in c.recommended} for c in hierarchy)
    captive_buyer = next(c for c in grid if (c.governance, c.driver, c.firm_status) == ("captive", "buyer", "sme"))
    assert "strengthen-industrial-design" in {r for r, _ in captive_buyer.recommended}
    assert "captive-resists-functional" in captive_buyer.warnings  # given, but hedged by the disagreement


def test_a_brand_leader_with_its_own_stores_is_not_told_to_build_brand_recognition_at_home():
    """shoes §6.4: national brand first, then abroad through own stores; the firm's answers show the first
    step done, so the advice is to continue and deepen (issue 8: advice that fits the firm)."""
    case = next(c for c in KB.cases if c.id == "sports-shoe-domestic-brand")
    item = build_advice(KB, consult(**case.answers)).item("own-brand-high-end")
    assert item.continue_deepen and item.continue_text.startswith("You already have your own brand")
    assert not any("recognition at home" in action for action in item.actions)
