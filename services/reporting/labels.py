"""Words the report uses for ids: horizons, actors, topics, smile-curve stages,
upgrading types, urgencies.

The tables hold English marked with :func:`N_` (they are built at import
time, before the language is known); the functions translate at run time, so
every renderer and the JSON get the label in the current language.
"""

from __future__ import annotations

from gvc_advisor.engine.i18n import N_, _

HORIZONS = {"now": N_("now"), "1-3-years": N_("1–3 years"), "longer": N_("longer term"),
            "undeclared": N_("horizon not declared")}
#: The engine's horizon ids (the JSON's ``horizon``) and the words it has for them.
ENGINE_HORIZONS = {"now": N_("now"), "medium_term": N_("1–3 years"), "long_term": N_("longer")}
ACTORS = {"firm": N_("the firm"), "leading_firm": N_("leading firms"), "association": N_("cluster association"),
          "government": N_("local government"), "lead_buyer": N_("lead buyer"),
          "research_institutes": N_("research institutes")}
TOPICS = {"industry": N_("Industry and chain"), "buyers": N_("Buyers"), "firm": N_("The firm"),
          "cluster": N_("The cluster"), "pressures": N_("Costs and pressures"), "lockin": N_("Low-end lock-in"),
          "diagnosis": N_("Facts stated directly")}
STAGES = {"rd": N_("R&D"), "design": N_("Design"), "components": N_("Components"),
          "manufacturing": N_("Manufacturing"), "logistics": N_("Logistics"), "marketing": N_("Marketing"),
          "brand": N_("Brand")}
#: The four upgrading types (Humphrey & Schmitz), as a heading says them.
UPGRADING_TYPES = {"process": N_("Process upgrading"), "product": N_("Product upgrading"),
                   "functional": N_("Functional upgrading"), "chain": N_("Chain upgrading")}
#: The same, as one word for a table's "type" column.
UPGRADING_KINDS = {"process": N_("process"), "product": N_("product"), "functional": N_("functional"),
                   "chain": N_("chain")}
URGENCIES = {"urgent": N_("urgent"), "high": N_("high"), "normal": N_("normal"), "low": N_("low")}
#: Where a production mode puts the firm on the smile curve.
MODE_STAGE = {"assembly": "manufacturing", "oem": "manufacturing", "odm": "design", "obm": "brand"}


def horizon(value: str) -> str:
    return _(HORIZONS[value]) if value in HORIZONS else value.replace("-", " ")


def engine_horizon(value: str | None) -> str | None:
    return None if value is None else (_(ENGINE_HORIZONS[value]) if value in ENGINE_HORIZONS else value)


def actor(value: str) -> str:
    return _(ACTORS[value]) if value in ACTORS else value.replace("_", " ")


def actors(values: tuple[str, ...] | list[str]) -> str:
    """Several actors as one phrase (``the firm, local government``)."""
    return comma().join(actor(value) for value in values)


def topic(value: str) -> str:
    return _(TOPICS[value]) if value in TOPICS else value.replace("_", " ").capitalize()


def stage(value: str) -> str:
    return _(STAGES[value]) if value in STAGES else value


def upgrading_type(value: str) -> str:
    """``process`` → "Process upgrading" (in the current language)."""
    return _(UPGRADING_TYPES[value]) if value in UPGRADING_TYPES else f"{value.capitalize()} upgrading"


def upgrading_kind(value: str) -> str:
    """``process`` → "process" (in the current language), for narrow table columns."""
    return _(UPGRADING_KINDS[value]) if value in UPGRADING_KINDS else value


def urgency(value: str | None) -> str | None:
    return None if value is None else (_(URGENCIES[value]) if value in URGENCIES else value)


def cf(value: float) -> str:
    """A certainty as the report prints it (two decimals)."""
    return f"{value:.2f}"


def comma() -> str:
    """The separator of a list in the current language (``, `` ; Chinese ``、``)."""
    return _(", ")


def semicolon() -> str:
    """The separator of a list of clauses (``; `` ; Chinese ``；``)."""
    return _("; ")
