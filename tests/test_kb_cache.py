"""The validated-knowledge-base cache: used when files are unchanged, never when
they change; safe (a planted file can never run code, the folder is private);
light (a cache hit imports neither pydantic nor yaml)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import SMALL_KB

from gvc_advisor.engine.errors import KnowledgeBaseError
from gvc_advisor.engine.kb import cache as kb_cache
from gvc_advisor.engine.kb import loader
from gvc_advisor.engine.kb.schema import RECORDS
from gvc_advisor.engine.kb.schema.base import _REQUIRED


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("GVC_ADVISOR_NO_CACHE", raising=False)
    monkeypatch.setenv("GVC_ADVISOR_CACHE_DIR", str(tmp_path / "cache" / "kb"))
    return tmp_path / "cache" / "kb"


@pytest.fixture
def kb_root(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(SMALL_KB, root)
    return root


def _entries(cache_dir):
    return sorted(cache_dir.glob("*.json"))


def _count_uncached_loads(monkeypatch) -> list:
    calls: list = []
    real = loader._load_uncached
    monkeypatch.setattr(loader, "_load_uncached", lambda *a: calls.append(a) or real(*a))
    return calls


def test_second_load_comes_from_cache_and_equals_the_first(kb_root, cache_dir, monkeypatch):
    first = loader.load_knowledge_base(kb_root)
    assert len(_entries(cache_dir)) == 1
    calls = _count_uncached_loads(monkeypatch)
    second = loader.load_knowledge_base(kb_root)
    assert calls == []
    assert second is not first
    for name in ("meta", "content_hash", "questions", "facts", "rules", "recommendations", "warnings",
                 "sources", "glossary", "cases", "origins", "lint", "root"):
        assert getattr(second, name) == getattr(first, name), name


def test_a_changed_file_is_loaded_again(kb_root, cache_dir, monkeypatch):
    first = loader.load_knowledge_base(kb_root)
    rules = kb_root / "rules" / "driver.yaml"
    rules.write_text(rules.read_text().replace("cf: 0.9}", "cf: 0.5}", 1))
    calls = _count_uncached_loads(monkeypatch)
    third = loader.load_knowledge_base(kb_root)
    assert len(calls) == 1 and third.content_hash != first.content_hash
    assert len(_entries(cache_dir)) == 2


def test_the_shipped_knowledge_base_survives_the_round_trip(shipped_kb):
    key = "k" * 32
    back = kb_cache.decode(kb_cache.encode(shipped_kb, key), key, shipped_kb.root)
    assert back is not None
    assert back.rules == shipped_kb.rules and back.questions == shipped_kb.questions
    assert back.recommendations == shipped_kb.recommendations and back.cases == shipped_kb.cases
    assert back.origins == shipped_kb.origins and back.lint == shipped_kb.lint


def test_errors_are_never_cached(kb_root, cache_dir):
    (kb_root / "rules" / "bad.yaml").write_text("rules: [\n")
    for _ in range(2):
        with pytest.raises(KnowledgeBaseError):
            loader.load_knowledge_base(kb_root)
    assert not _entries(cache_dir)


@pytest.mark.parametrize("content", [
    b"not json", b"", b"[]", b'{"format": 1}', b"\xff\xfe garbage",
    b'{"format": 1, "key": "KEY", "kb": {"@": "os.system", "command": "true"}}',
    b'{"format": 1, "key": "KEY", "kb": {"@": "Rule", "no_such_field": 1}}',
    b'{"format": 99, "key": "KEY", "kb": {}}',
    b"[" * 100000,
], ids=["text", "empty", "list", "no-key", "bytes", "unknown-class", "bad-fields", "future-format", "deep"])
def test_corrupt_or_foreign_entries_are_ignored(kb_root, cache_dir, monkeypatch, content):
    first = loader.load_knowledge_base(kb_root)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(content.replace(b"KEY", entry.stem.encode()))
    calls = _count_uncached_loads(monkeypatch)
    again = loader.load_knowledge_base(kb_root)
    assert len(calls) == 1 and again.rules == first.rules


def test_an_entry_for_another_key_is_ignored(kb_root, cache_dir, monkeypatch, tmp_path):
    loader.load_knowledge_base(kb_root)
    (first,) = _entries(cache_dir)
    other = tmp_path / "other"
    shutil.copytree(SMALL_KB, other)
    kb_yaml = other / "knowledge_base" / "kb.yaml"
    kb_yaml.write_text(kb_yaml.read_text() + "# another knowledge base\n")
    loader.load_knowledge_base(other)
    (second,) = set(_entries(cache_dir)) - {first}
    second.write_bytes(first.read_bytes())  # a valid entry, but written for another key
    calls = _count_uncached_loads(monkeypatch)
    loader.load_knowledge_base(other)
    assert len(calls) == 1


class _Explode:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def test_a_planted_pickle_never_runs(kb_root, cache_dir, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    loader.load_knowledge_base(kb_root)
    (entry,) = _entries(cache_dir)
    payload = pickle.dumps(_Explode())
    entry.write_bytes(payload)  # under the name the cache reads
    entry.with_suffix(".pickle").write_bytes(payload)  # and under the old format's name
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: pytest.fail("the cache unpickled something"))
    monkeypatch.setattr(pickle, "load", lambda *a, **k: pytest.fail("the cache unpickled something"))
    kb = loader.load_knowledge_base(kb_root)
    assert kb.rules and not (tmp_path / "PWNED").exists()
    assert not list(cache_dir.glob("*.pickle")), "a rewrite removes entries of the old format"


def test_the_cache_folder_is_created_private(kb_root, cache_dir):
    loader.load_knowledge_base(kb_root)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    (entry,) = _entries(cache_dir)
    assert entry.stat().st_mode & 0o077 == 0


def test_the_open_default_folder_of_older_versions_is_made_private(kb_root, tmp_path, monkeypatch):
    monkeypatch.delenv("GVC_ADVISOR_NO_CACHE", raising=False)
    monkeypatch.delenv("GVC_ADVISOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    default = kb_cache._directory()[0]
    assert default.is_relative_to(tmp_path)
    default.mkdir(parents=True)
    default.chmod(0o755)
    loader.load_knowledge_base(kb_root)
    assert default.stat().st_mode & 0o777 == 0o700
    assert len(_entries(default)) == 1


def test_an_open_folder_named_by_the_user_is_refused_not_changed(kb_root, cache_dir):
    cache_dir.mkdir(parents=True)
    cache_dir.chmod(0o777)
    loader.load_knowledge_base(kb_root)
    assert cache_dir.stat().st_mode & 0o777 == 0o777
    assert not _entries(cache_dir)


def test_a_linked_folder_is_never_used(kb_root, cache_dir, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_dir.parent.mkdir(parents=True)
    cache_dir.symlink_to(elsewhere)
    loader.load_knowledge_base(kb_root)
    assert not list(elsewhere.iterdir())


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_someone_elses_folder_or_entry_is_never_trusted(kb_root, cache_dir, monkeypatch):
    loader.load_knowledge_base(kb_root)
    (entry,) = _entries(cache_dir)
    os.chown(entry, 12345, 12345)
    calls = _count_uncached_loads(monkeypatch)
    loader.load_knowledge_base(kb_root)
    assert len(calls) == 1  # the entry of another user is not read (it is replaced by ours)
    os.chown(cache_dir, 12345, 12345)
    loader.load_knowledge_base(kb_root)
    assert len(calls) == 2 and cache_dir.stat().st_uid == 12345


def test_every_validation_model_has_a_record_with_the_same_fields():
    from pydantic import BaseModel

    from gvc_advisor.engine.kb.schema.validation import base as validation_base
    from gvc_advisor.engine.kb.schema.validation import catalog, conditions, plan, questions, rules

    models = [obj for module in (catalog, conditions, plan, questions, rules, validation_base)
              for obj in vars(module).values()
              if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == module.__name__
              and obj.__name__ != "StrictModel"]
    assert len(models) == len(RECORDS)
    for model in models:
        record = RECORDS[model.__name__]
        assert list(model.model_fields) == list(record._fields), model.__name__
        for (name, field), (_, default) in zip(model.model_fields.items(), record._defaults, strict=True):
            assert field.is_required() == (default is _REQUIRED), (model.__name__, name)


def test_a_cache_hit_imports_neither_pydantic_nor_yaml(kb_root, cache_dir):
    loader.load_knowledge_base(kb_root)  # fill the cache
    code = textwrap.dedent(f"""
        import sys
        from gvc_advisor.engine.kb import loader
        calls = []
        loader._load_uncached = lambda *a: calls.append(a)
        kb = loader.load_knowledge_base({str(kb_root)!r})
        assert not calls, "not a cache hit"
        print(sorted(m for m in ("pydantic", "yaml", "click", "textual") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "GVC_ADVISOR_CACHE_DIR": str(cache_dir)})
    assert json.loads(out.stdout.replace("'", '"')) == []
