"""Keep Python's cyclic garbage collector out of the way of the Rete network.

A compiled network is hundreds of thousands of container objects (nodes,
checks, patterns) at a few thousand rules, and a consultation allocates tens
of thousands more (tokens, contexts, activations) that all stay alive until
the next reset.  The collector triggers on allocation counts, so it ran many
times inside every compilation and consultation, each time scanning objects
that cannot be garbage; at 20,000 rules full collections made consultations
grow faster than linearly and compiling took minutes.

Two remedies, both standard CPython practice for large long-lived heaps:

* :func:`collector_paused` while building or running the network: nothing it
  allocates meanwhile is cyclic garbage (tokens and activations are freed by
  reference counting at the next reset), so pausing frees nothing later than
  it would have been;
* :func:`keep_for_the_process` (``gc.freeze()``) once a network is built to
  live as long as the process (see ``engine.engines``): later collections,
  for example while the TUI runs, no longer scan it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic collection inside the block (a no-op when it is already off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_for_the_process() -> None:
    """Move every object alive now out of the collector's reach for good.

    Only for what lives as long as the process: a frozen object that later
    becomes cyclic garbage is never reclaimed.
    """
    gc.freeze()
