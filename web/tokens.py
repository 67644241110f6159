"""Secrets of a workshop server: the passcode, the signing key and the signed
cookies (HMAC-SHA256) that prove a browser knows the passcode and say which
participant it is.

The key is kept in the workshop folder, so that a restarted server still
recognises its participants (and they find their sessions again); a new
passcode still locks everyone out until they type it, because the passcode is
part of what the access cookie signs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from gvc_advisor.engine.i18n import _

#: No look-alike characters (0/o, 1/l/i): the passcode is read aloud or from a slide.
PASSCODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
MIN_PASSCODE_LENGTH = 6
KEY_FILE = ".gvc-serve-key"

ACCESS_COOKIE = "gvc_access"
PARTICIPANT_COOKIE = "gvc_participant"
#: A workshop day, with margin; after that the passcode must be typed again.
ACCESS_MAX_AGE = 16 * 3600
#: Long enough to come back to an unfinished interview the following weeks.
PARTICIPANT_MAX_AGE = 90 * 24 * 3600


def generate_passcode() -> str:
    """Ten random characters as two groups of five (about 49 bits), e.g. ``k7pmx-3qat9``."""
    chars = "".join(secrets.choice(PASSCODE_ALPHABET) for _position in range(10))
    return f"{chars[:5]}-{chars[5:]}"


def passcode_problem(passcode: str) -> str | None:
    """Why a facilitator's ``--passcode`` cannot be used, or None."""
    if passcode != passcode.strip():
        return _("the passcode must not start or end with spaces")
    if len(passcode) < MIN_PASSCODE_LENGTH:
        return _("the passcode must have at least {n} characters", n=MIN_PASSCODE_LENGTH)
    if not passcode.isprintable():
        return _("the passcode must contain printable characters only")
    return None


def load_or_create_key(folder: Path) -> bytes:
    """The workshop's signing key, created (readable by its owner only) on first use."""
    path = folder / KEY_FILE
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) >= 32:
            return key
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    tmp = folder / f".{KEY_FILE}.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    os.replace(tmp, path)
    return key


class Signer:
    """Signed tokens ``value.mac``; the purpose is part of the MAC, so a token made
    for one cookie is never accepted as another."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, purpose: str, value: str) -> str:
        return hmac.new(self._key, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()

    def sign(self, purpose: str, value: str) -> str:
        return f"{value}.{self._mac(purpose, value)}"

    def verify(self, purpose: str, token: str | None) -> str | None:
        """The signed value, or None for a missing, malformed or forged token."""
        if not token or "." not in token:
            return None
        value, mac = token.rsplit(".", 1)
        return value if hmac.compare_digest(mac, self._mac(purpose, value)) else None


class Credentials:
    """Issues and checks the two cookies of a workshop server."""

    def __init__(self, key: bytes, passcode: str | None, clock=time.time) -> None:
        self.signer = Signer(key)
        self.passcode = passcode
        self._clock = clock
        # Changing the passcode changes the purpose, which voids every access cookie issued before.
        digest = hashlib.sha256((passcode or "").encode()).hexdigest()
        self._access_purpose = f"access:{digest}"

    @property
    def required(self) -> bool:
        return self.passcode is not None

    def passcode_matches(self, attempt: str) -> bool:
        """Constant-time comparison (of digests, so the length leaks nothing either)."""
        if self.passcode is None:
            return True
        expected = hashlib.sha256(self.passcode.encode()).digest()
        given = hashlib.sha256(attempt.strip().encode()).digest()
        return hmac.compare_digest(expected, given)

    def access_token(self) -> str:
        return self.signer.sign(self._access_purpose, str(int(self._clock())))

    def access_valid(self, token: str | None) -> bool:
        if not self.required:
            return True
        issued = self.signer.verify(self._access_purpose, token)
        if issued is None or not issued.isdigit():
            return False
        return 0 <= self._clock() - int(issued) <= ACCESS_MAX_AGE

    def new_participant(self) -> tuple[str, str]:
        """(participant id, its cookie token)."""
        participant = secrets.token_hex(8)
        return participant, self.signer.sign("participant", participant)

    def participant(self, token: str | None) -> str | None:
        participant = self.signer.verify("participant", token)
        # It names a folder: only the shape we issue is accepted, even with a valid MAC.
        if participant is None or len(participant) != 16 or set(participant) - set("0123456789abcdef"):
            return None
        return participant
