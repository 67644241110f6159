"""Where each knowledge-base item was defined, so that checks can point at it.

The loader fills a :class:`Locator` while it reads the files; the
cross-checks (which run after merging) ask it for ``file:line:col`` of an item
or of a key below it.  It lives on its own so that the loader and the
cross-checks both depend on it, and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gvc_advisor.engine.errors import Problem
from gvc_advisor.engine.kb.yaml_reader import LoadedYaml, Path_


@dataclass
class Locator:
    """Remembers which file and YAML path each item came from."""

    items: dict[tuple[str, str], tuple[LoadedYaml, Path_]] = field(default_factory=dict)

    def problem(self, kind: str, item_id: str, subpath: Path_, message: str,
                severity: str = "error") -> Problem:
        loaded, path = self.items[(kind, item_id)]
        return loaded.problem(path + tuple(subpath), message, severity)
