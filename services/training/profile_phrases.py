"""How a trainee reads a firm: each answer of the bundled knowledge base as a clause.

The training profile (:mod:`.profile`) writes one paragraph per question topic,
in the order of ``knowledge_base/questions.yaml``, joining the clauses of the
answers given.  A question is phrased by

- a clause per value (choice and yes/no questions), or
- a template with ``{label}`` (the answer's label, as the knowledge base gives it
  in the current language) or ``{value}`` (numbers).

Every clause is a whole UI message (marked with :func:`N_`, translated where it is
shown, in ``translations/<code>/ui/training.yaml``), so that each language words
a clause in its own order; clauses are joined by translated list patterns, never
glued from fragments.  A question or value not listed here (another knowledge
base) is phrased from its question text and answer label, so nothing is ever
left out.
"""

from __future__ import annotations

from gvc_advisor.engine.i18n import N_

#: Paragraph titles, by question topic.
TOPICS: dict[str, str] = {
    "industry": N_("The industry and its chain"),
    "buyers": N_("The buyers"),
    "firm": N_("The firm"),
    "cluster": N_("The cluster"),
    "pressures": N_("Costs and shortages"),
    "lockin": N_("Margins and position in the chain"),
}

#: Question id → a clause per answer value, or a template for any answer.
PHRASES: dict[str, dict] = {
    "industry": {
        "template": N_("its main products are {label}"),
        "values": {
            "other": N_("its main products are in an industry other than those the questions list"),
        },
    },
    "lead_firm_strength": {
        "values": {
            "rd_scale": N_("the big companies of its chain make most "
                        "of their money from technology, R&D and large-scale production"),
            "design_brand_channels": N_("the big companies of its chain make most "
                        "of their money from design, brands and retail channels"),
            "both": N_("the big companies of its chain make their money from both technology and brands"),
        },
    },
    "power_source": {
        "values": {
            "manufacturers": N_("large manufacturers set the terms in the chain"),
            "retailers_marketers": N_("retailers, brand marketers or traders set the terms in the chain"),
            "both": N_("manufacturers and retailers share the power to set the terms"),
        },
    },
    "production_separation": {
        "values": {
            "own_plants": N_("the chain's leading companies get production done abroad in plants of their own"),
            "contractors": N_("the chain's leading companies get production "
                        "done abroad by ordering from independent contractors"),
            "both": N_("the chain's leading companies get production done abroad "
                        "both in their own plants and through contractors"),
        },
    },
    "entry_barrier": {
        "values": {
            "scale": N_("what keeps newcomers out of its end market is the scale of production and capital"),
            "scope": N_("what keeps newcomers out of its end market is the "
                        "range of products, designs and sales channels they must offer"),
            "both": N_("newcomers to its end market need both scale and a wide range of products and channels"),
        },
    },
    "modular_product": {
        "values": {
            "yes": N_("its product is a module or component built to a standard interface that several customers use"),
            "no": N_("its product is not a standard module that several customers use"),
        },
    },
    "buyer_type": {
        "template": N_("its main customers are {label}"),
    },
    "largest_buyer_share": {
        "template": N_("its largest customer takes {value} % of its sales"),
    },
    "vertically_integrated": {
        "values": {
            "yes": N_("the factory is owned by the company that buys its output"),
            "no": N_("the factory is not owned by the companies that buy its output"),
        },
    },
    "transaction_complexity": {
        "values": {
            "high": N_("an order needs a lot of detailed, complex "
                        "specification to pass between the firm and its buyers"),
            "low": N_("its products are simple and standard, so little information passes with an order"),
        },
    },
    "codifiability": {
        "values": {
            "high": N_("the buyers' requirements can be written "
                        "down completely in specifications, drawings or standards"),
            "low": N_("much of what the buyers want cannot be written down and has to be learnt face to face"),
        },
    },
    "supplier_competence": {
        "values": {
            "high": N_("the firm could deliver a complete product from a buyer's brief without help"),
            "low": N_("the firm depends on the buyer's help to deliver a complete product"),
        },
    },
    "buyer_supplies_technology": {
        "values": {
            "yes": N_("the main customer supplies or dictates the production technology"),
            "no": N_("the main customer does not dictate the production technology"),
        },
    },
    "switching_costs": {
        "values": {
            "high": N_("losing the main customer would be hard to make up"),
            "low": N_("a lost customer would be easy to replace"),
        },
    },
    "order_pattern": {
        "values": {
            "price_only": N_("buyers choose on price, with little contact beyond the deal"),
            "to_specification": N_("it makes to its buyers' specifications as a full-package supplier"),
            "close_collaboration": N_("it has long-standing joint work with "
                        "its buyers, with frequent face-to-face contact"),
            "directed": N_("the buyer closely directs and monitors its production"),
        },
    },
    "buyer_standards": {
        "values": {
            "yes": N_("buyers require it to meet quality, delivery, traceability, labour or environmental standards"),
            "no": N_("buyers impose no particular standards"),
        },
    },
    "buyers_shifting_orders": {
        "values": {
            "yes": N_("buyers are moving orders to cheaper suppliers or countries, or threatening to"),
            "no": N_("buyers are not moving orders elsewhere"),
        },
    },
    "employees": {
        "template": N_("it employs {value} people"),
    },
    "own_brand": {
        "values": {
            "none": N_("it makes for other companies' brands and has no brand of its own"),
            "domestic": N_("it sells under its own brand, known in China"),
            "international": N_("it sells under its own brand, known in China and abroad"),
        },
    },
    "rd_capability": {
        "values": {
            "none": N_("it does no research and development of its own"),
            "basic": N_("its research and development is basic (it adapts and improves)"),
            "strong": N_("its research and development is strong (it develops its own technology)"),
        },
    },
    "patents": {
        "values": {
            "yes": N_("it holds patents or other intellectual property of its own"),
            "no": N_("it holds no patents of its own"),
        },
    },
    "design_capability": {
        "values": {
            "none": N_("its buyers provide the designs"),
            "basic": N_("it proposes some designs of its own as samples"),
            "strong": N_("it designs its own collections"),
        },
    },
    "own_sales_channels": {
        "values": {
            "none": N_("it sells only through buyers or middlemen"),
            "domestic": N_("it has sales channels of its own in China"),
            "international": N_("it has sales channels of its own in China and abroad"),
        },
    },
    "production_mode": {
        "values": {
            "assembly": N_("its work is assembling inputs the buyer provides"),
            "oem": N_("it works as an OEM, making the whole product to the buyer's design"),
            "odm": N_("it works as an ODM, selling its own designs under the buyer's brand"),
            "obm": N_("it works as an OBM, selling its own designs under its own brand"),
        },
    },
    "capital_strength": {
        "values": {
            "weak": N_("it could hardly finance a large investment such as buying another company"),
            "moderate": N_("it could finance a large investment only with some effort"),
            "strong": N_("it could easily finance a large investment, even buying another company"),
        },
    },
    "management_capability": {
        "template": N_("its management and coordination skills are {label}"),
    },
    "outsources_production": {
        "values": {
            "yes": N_("it subcontracts part of its production to other firms in the cluster"),
            "no": N_("it does not subcontract its production"),
        },
    },
    "export_share": {
        "template": N_("{value} % of its sales are exported"),
    },
    "cluster_origin": {
        "values": {
            "endogenous": N_("its cluster grew up from local private firms"),
            "exogenous": N_("its cluster grew up around foreign-invested firms"),
        },
    },
    "cluster_type": {
        "values": {
            "export_oriented": N_("the cluster is export-oriented, built on foreign investment and outward processing"),
            "entrepreneurial": N_("the cluster is made of entrepreneurial, family-owned firms with a craft tradition"),
            "resource_driven": N_("the cluster is built on local natural resources"),
            "market_driven": N_("the cluster has grown around a wholesale market"),
            "high_tech": N_("the cluster is high-tech, grown around universities and research institutes"),
            "around_large_firms": N_("the cluster is made of small firms around a large state-owned or foreign firm"),
        },
    },
    "leading_firms_in_cluster": {
        "values": {
            "yes": N_("there are large leading firms in the cluster that others supply"),
            "no": N_("the cluster has no large leading firms for others to supply"),
        },
    },
    "cluster_association": {
        "values": {
            "yes": N_("an active industry association or chamber works in the cluster"),
            "no": N_("the cluster has no active industry association"),
        },
    },
    "knowledge_exchange": {
        "values": {
            "yes": N_("firms in the cluster often exchange know-how informally"),
            "no": N_("firms in the cluster rarely exchange know-how"),
        },
    },
    "imitation_problem": {
        "values": {
            "yes": N_("its new designs and improvements are quickly copied by other firms in the cluster"),
            "no": N_("its new designs are not quickly copied by its neighbours"),
        },
    },
    "research_institutes_nearby": {
        "values": {
            "yes": N_("universities, research institutes or technical service centres are available to the cluster"),
            "no": N_("no universities or research institutes are at hand"),
        },
    },
    "cost_pressure": {
        "values": {
            "yes": N_("shortages of people or rising costs of materials, land, "
                        "power or the currency put real pressure on the business"),
            "no": N_("shortages and rising costs put no real pressure on the business"),
        },
    },
    "cluster_support": {
        "values": {
            "strong": N_("its location still saves it a lot, with nearby "
                        "suppliers and services, good infrastructure and an efficient local government"),
            "adequate": N_("its location supports it adequately"),
            "weak": N_("its location supports it poorly and adds to its costs"),
        },
    },
    "labour_shortage": {
        "values": {
            "none": N_("it has no trouble recruiting and keeping workers"),
            "shortage": N_("workers are in short supply"),
            "severe": N_("workers are in severely short supply"),
        },
    },
    "manager_shortage": {
        "values": {
            "none": N_("senior managers and skilled professionals are easy to find"),
            "shortage": N_("senior managers and skilled professionals are in short supply"),
            "severe": N_("senior managers and skilled professionals are in severely short supply"),
        },
    },
    "raw_material_prices": {
        "values": {
            "stable": N_("raw-material prices are stable"),
            "large_increase": N_("raw-material prices have risen a lot"),
            "huge_increase": N_("raw-material prices have risen enormously"),
        },
    },
    "land_power_costs": {
        "values": {
            "stable": N_("land and power are no real problem"),
            "rising": N_("land prices and power costs are rising"),
            "soaring": N_("land prices are soaring or the power supply is a serious constraint"),
        },
    },
    "currency_pressure": {
        "values": {
            "yes": N_("the stronger renminbi has cut into its export margins"),
            "no": N_("the renminbi's rise has not cut into its margins"),
        },
    },
    "export_rebate_cut": {
        "values": {
            "yes": N_("cuts in export tax rebates have hit its products"),
            "no": N_("export-rebate cuts have not hit its products"),
        },
    },
    "margin_squeeze": {
        "values": {
            "yes": N_("its margins are thin or shrinking while buyers, brand owners or traders keep most of the value"),
            "no": N_("its margins are not being squeezed"),
        },
    },
    "value_share": {
        "template": N_("it keeps about {value} % of the price the end customer pays"),
    },
    "profit_margin": {
        "template": N_("it earns a profit margin of about {value} % on its main products"),
    },
    "cost_pass_through": {
        "values": {
            "yes": N_("it can pass rising costs on to its buyers"),
            "no": N_("it cannot pass rising costs on to its buyers"),
        },
    },
    "trade_frictions": {
        "values": {
            "yes": N_("its products have met anti-dumping cases or other trade barriers abroad"),
            "no": N_("its products have met no trade barriers abroad"),
        },
    },
    "environmental_burden": {
        "values": {
            "yes": N_("its production uses a lot of energy, water or land, or faces pollution limits"),
            "no": N_("its production is not heavy on resources or pollution"),
        },
    },
    "orders_via_middlemen": {
        "values": {
            "yes": N_("its export orders come mainly through foreign middlemen"),
            "no": N_("it gets its export orders through its own contacts"),
        },
    },
}
