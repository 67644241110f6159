"""Words the report uses for ids: horizons, actors, topics, smile-curve stages."""

from __future__ import annotations

HORIZONS = {"now": "now", "1-3-years": "1–3 years", "longer": "longer term", "undeclared": "horizon not declared"}
ACTORS = {"firm": "the firm", "leading_firm": "leading firms", "association": "cluster association",
          "government": "local government"}
TOPICS = {"industry": "Industry and chain", "buyers": "Buyers", "firm": "The firm", "cluster": "The cluster",
          "pressures": "Costs and pressures", "lockin": "Low-end lock-in", "diagnosis": "Facts stated directly"}
STAGES = {"rd": "R&D", "design": "Design", "components": "Components", "manufacturing": "Manufacturing",
          "logistics": "Logistics", "marketing": "Marketing", "brand": "Brand"}
#: Where a production mode puts the firm on the smile curve.
MODE_STAGE = {"assembly": "manufacturing", "oem": "manufacturing", "odm": "design", "obm": "brand"}


def horizon(value: str) -> str:
    return HORIZONS.get(value, value.replace("-", " "))


def actor(value: str) -> str:
    return ACTORS.get(value, value.replace("_", " "))


def topic(value: str) -> str:
    return TOPICS.get(value, value.replace("_", " ").capitalize())


def cf(value: float) -> str:
    """A certainty as the report prints it (two decimals)."""
    return f"{value:.2f}"
