"""Turn pydantic validation errors into ``file:line:col`` problems.

Pydantic reports a location as a path through the *model* (with union tags
mixed in); we walk the same path through the *data* we loaded, so that each
error points at the YAML line the user has to change, and we phrase it as
"what is wrong; what is allowed" with a "did you mean" where a key is misspelt.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from gvc_advisor.engine.errors import Problem, shown
from gvc_advisor.engine.kb.yaml_reader import LoadedYaml, Path_


def suggest(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when a close candidate exists, else ``""``."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, list[Any]]:
    """Follow ``loc`` through ``data``; return the data path and the parents seen."""
    path: list[str | int] = []
    node = data
    parents = [node]
    tags = ("all", "any", "not", "fact", "set", "recommend", "warn")
    for i, part in enumerate(loc):
        following = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(node, dict) and part in tags and following is not None and following in node:
            continue  # a union tag that happens to equal a key of this mapping
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part.endswith("_") and part[:-1] in node:
            part = part[:-1]
            node = node[part]
        else:
            # A union tag, or a key that is missing from the data.
            if isinstance(node, dict) and isinstance(part, str) and part not in tags:
                path.append(part)
            continue
        path.append(part)
        parents.append(node)
    return tuple(path), parents


def _allowed_keys(model_parent: Any, loc: tuple[Any, ...], root: type[BaseModel]) -> list[str]:
    """Field names (aliases) of the model that owns the key at ``loc``."""
    model = _model_at(root, loc[:-1])
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Best-effort walk of the model tree along ``loc`` (tags resolve unions)."""
    from typing import get_args, get_origin

    current: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {(f.alias or n): f for n, f in current.model_fields.items()}
            if part in fields:
                current = fields[part].annotation
                continue
        # unwrap list / optional / annotated unions, then pick by tag name
        candidates = _flatten(current, get_args, get_origin)
        picked = [c for c in candidates if _tag_matches(c, part)]
        if picked:
            current = picked[0]
        elif len(candidates) == 1:
            current = candidates[0]
            if isinstance(current, type) and issubclass(current, BaseModel):
                fields = {(f.alias or n): f for n, f in current.model_fields.items()}
                if part in fields:
                    current = fields[part].annotation
    candidates = _flatten(current, get_args, get_origin)
    models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
    return models[0] if len(models) == 1 else None


def _flatten(tp: Any, get_args: Any, get_origin: Any) -> list[Any]:
    out: list[Any] = []
    stack = [tp]
    while stack:
        t = stack.pop()
        args = get_args(t)
        if isinstance(t, type) and issubclass(t, BaseModel):
            out.append(t)
        elif args:
            stack.extend(a for a in args if not isinstance(a, (str, int)))
    return out


_TAG_TO_MODEL = {
    "all": "AllOf", "any": "AnyOf", "not": "NotOf", "fact": "FactTest",
    "set": "SetFact", "recommend": "RecommendAction", "warn": "WarnAction",
}


def _tag_matches(model: Any, tag: Any) -> bool:
    return getattr(model, "__name__", None) == _TAG_TO_MODEL.get(tag)


def _describe_input(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def _message(error: dict[str, Any], allowed_keys: list[str]) -> str:
    kind = error["type"]
    loc = error["loc"]
    name = shown(next((p for p in reversed(loc) if isinstance(p, str)), "value"))
    given = error.get("input")
    if kind == "extra_forbidden":
        allowed = ", ".join(allowed_keys) if allowed_keys else "see the schema"
        return f"unknown key '{name}'{suggest(name, allowed_keys)}; allowed keys: {allowed}"
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind in ("string_type", "int_type", "float_type", "bool_type", "list_type",
                "dict_type", "model_type", "literal_error", "enum", "int_from_float"):
        return f"'{name}' is {_describe_input(given)}; {error['msg'][0].lower() + error['msg'][1:]}"
    if kind == "string_pattern_mismatch" and "titles" in loc:
        return (f"'{name}' is {_describe_input(given)}; a title's key must be a language code as "
                "translations/ names it (zh, pt-BR)")
    if kind == "string_pattern_mismatch":
        return (f"'{name}' is {_describe_input(given)}; it must be an identifier: lower-case "
                "letters and digits joined by '_' or '-', starting with a letter")
    msg = error["msg"].removeprefix("Value error, ")
    return f"'{name}': {msg}" if not msg.startswith("a ") else msg


def problems_from_validation(
    exc: ValidationError, loaded: LoadedYaml, root: type[BaseModel]
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        path, _ = data_path(loaded.data, loc)
        allowed = _allowed_keys(None, loc, root) if error["type"] == "extra_forbidden" else []
        problems.append(loaded.problem(path, _message(error, allowed)))
    return problems
