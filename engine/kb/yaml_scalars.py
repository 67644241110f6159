"""What a plain YAML scalar means in a gvc-advisor file: one reading, no surprises.

PyYAML implements YAML 1.1, where ``070`` is octal 56, ``1:10`` is the
sexagesimal 70, ``0x40``, ``0b1000000`` and ``6_0`` are numbers, and
``yes``/``no``/``on``/``off`` are booleans.  YAML 1.2 (and most other tools)
read several of these differently, so the same file could mean two things.

Here a plain scalar is resolved with a small schema close to YAML 1.2's core
schema, and anything that some YAML version would read as a number, but that
is not written as a plain decimal number, is *refused* with a message saying
how to write it, instead of being guessed:

* null: empty, ``~``, ``null`` (``Null``, ``NULL``);
* booleans: ``true``/``false`` (``True``, ``TRUE``, ...) only;
* integers: ``-?[0-9]+`` in ASCII digits, without a leading zero or ``+`` sign,
  at most :data:`MAX_NUMBER_DIGITS` digits;
* decimals: ``-1.5``, ``.5``, ``2.``, ``1e3`` (finite only);
* everything else is text.

Explicit standard tags (``!!str 60``, ``!!int 60``) are honoured only when the
text fits the tag; any other tag is refused.
"""

from __future__ import annotations

import math
import re

#: Longer numbers are refused: no count or bound in a knowledge base needs
#: them, and Python refuses to convert integers of more than 4,300 digits.
MAX_NUMBER_DIGITS = 30

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
STANDARD_SCALAR_TAGS = frozenset({NULL_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, STR_TAG})
#: A private tag for a plain scalar that looks like a number but is not one we accept.
AMBIGUOUS_NUMBER_TAG = "tag:gvc-advisor,2024:ambiguous-number"

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")

# What YAML 1.1 (PyYAML, libyaml) or YAML 1.2 would read as a number.
_NUMBER_LIKE = re.compile(
    r"""[-+]?0b[0-1_]+                                  # 1.1 binary
      | [-+]?0o?[0-7_]+                                 # 1.1 and 1.2 octal
      | [-+]?0x[0-9a-fA-F_]+                            # hexadecimal
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?  # 1.1 sexagesimal
      | [-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?  # decimal
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)""",
    re.VERBOSE,
)

_ALLOWED = "write numbers in plain decimal, like 60, -3 or 0.5 (quote the value if it is text)"


def resolve_plain(value: str) -> str:
    """The tag of an untagged plain scalar."""
    if _NULL.fullmatch(value):
        return NULL_TAG
    if _TRUE.fullmatch(value) or _FALSE.fullmatch(value):
        return BOOL_TAG
    if _INT.fullmatch(value):
        return INT_TAG
    if _FLOAT.fullmatch(value):
        return FLOAT_TAG
    if _NUMBER_LIKE.fullmatch(value):
        return AMBIGUOUS_NUMBER_TAG
    return STR_TAG


def why_not_a_number(text: str) -> str:
    """Explain why a number-like scalar is refused and what to write instead."""
    body = text.lstrip("+-")
    if text.startswith("+"):
        reason = "a '+' sign is not allowed"
    elif "_" in text:
        reason = "'_' separators are not allowed"
    elif ":" in text:
        reason = "base-60 numbers like 1:10 are not allowed (YAML 1.1 reads 1:10 as 70)"
    elif body[:2] in ("0x", "0o", "0b"):
        reason = "base prefixes (0x, 0o, 0b) are not allowed"
    elif body.lower() in (".inf", ".nan"):
        reason = "infinity and NaN are not numbers an answer or a rule can use"
    elif body.startswith("0") and len(body) > 1:
        reason = (f"a leading zero is ambiguous (YAML 1.1 reads {text} as octal, "
                  "YAML 1.2 as decimal)")
    else:
        reason = "it is not a plain decimal number"
    return f"'{text}' is not a number gvc-advisor reads: {reason}; {_ALLOWED}"


def construct_scalar(tag: str, text: str) -> tuple[object, str | None]:
    """(value, None) for a scalar of ``tag``, or (None, what is wrong)."""
    if tag == STR_TAG:
        return text, None
    if tag == AMBIGUOUS_NUMBER_TAG:
        return None, why_not_a_number(text)
    if tag == NULL_TAG:
        if _NULL.fullmatch(text):
            return None, None
        return None, f"'{text}' is not null (tag !!null); write null or ~, or leave the value empty"
    if tag == BOOL_TAG:
        if _TRUE.fullmatch(text) or _FALSE.fullmatch(text):
            return _TRUE.fullmatch(text) is not None, None
        return None, f"'{text}' is not a boolean (tag !!bool); write true or false"
    if tag == INT_TAG:
        if not _INT.fullmatch(text):
            return None, (why_not_a_number(text) if _NUMBER_LIKE.fullmatch(text)
                          else f"'{text}' is not a whole number (tag !!int); {_ALLOWED}")
        return _number(text, int)
    if tag == FLOAT_TAG:
        if not _FLOAT.fullmatch(text):
            return None, (why_not_a_number(text) if _NUMBER_LIKE.fullmatch(text)
                          else f"'{text}' is not a number (tag !!float); {_ALLOWED}")
        return _number(text, float)
    short = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return None, f"the tag {short} is not allowed; use plain YAML values"


def _number(text: str, kind: type) -> tuple[object, str | None]:
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_NUMBER_DIGITS:
        return None, (f"a number of {digits} digits is too long; numbers in gvc-advisor files "
                      f"have at most {MAX_NUMBER_DIGITS} digits")
    value = kind(text)
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"'{text}' is too large to be a number"
    return value, None
