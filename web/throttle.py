"""Wrong-passcode attempts, per client address: every wrong answer is slowed
down, and too many in a window lock that address out for a while.

Ten attempts per quarter of an hour leave a ten-character passcode out of
reach of guessing, and a participant who mistypes a few times is not
punished.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

#: Seconds each wrong attempt waits before it is answered.
WRONG_ATTEMPT_DELAY = 1.0


class Throttle:
    def __init__(self, limit: int = 10, window: float = 900.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str) -> deque[float]:
        now = self._clock()
        failures = self._failures.get(client, deque())
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(client, None)
        return failures

    def retry_after(self, client: str) -> float:
        """Seconds until ``client`` may try again; 0 when it may try now."""
        failures = self._recent(client)
        if len(failures) < self.limit:
            return 0.0
        return max(0.0, failures[0] + self.window - self._clock())

    def failure(self, client: str) -> None:
        self._prune()
        self._failures.setdefault(client, deque()).append(self._clock())

    def success(self, client: str) -> None:
        self._failures.pop(client, None)

    def _prune(self) -> None:
        """Forget clients whose failures are all out of the window (memory stays bounded)."""
        for client in list(self._failures):
            self._recent(client)
