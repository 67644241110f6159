"""Make experta 1.9.4 importable on Python 3.10+.

experta pins ``frozendict==1.2``, which subclasses ``collections.Mapping``.
That alias of ``collections.abc.Mapping`` was removed in Python 3.10, so a
plain ``import experta`` fails with ``AttributeError``.  Rather than vendor or
patch either package (and break ``pip check``), we restore the removed
aliases on the ``collections`` module *before* experta is imported.  Every
module of this package imports experta through :func:`import_experta`, so the
shim lives in exactly one place.
"""

from __future__ import annotations

import collections
import collections.abc
from types import ModuleType

#: The ABC names that Python 3.10 removed from ``collections``.
_REMOVED_ABC_ALIASES = (
    "Callable",
    "Hashable",
    "Iterable",
    "Iterator",
    "Mapping",
    "MutableMapping",
    "MutableSequence",
    "MutableSet",
    "Sequence",
    "Set",
)


def restore_collections_aliases() -> None:
    """Put the removed ABC aliases back on ``collections`` (idempotent)."""
    for name in _REMOVED_ABC_ALIASES:
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))


def import_experta() -> ModuleType:
    """Return the ``experta`` module, importing it with the shim applied."""
    restore_collections_aliases()
    import experta

    return experta


experta = import_experta()
