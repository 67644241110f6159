"""The validated-knowledge-base cache: used when files are unchanged, never when they change."""

from __future__ import annotations

import shutil

import pytest

from gvc_advisor.engine.errors import KnowledgeBaseError
from gvc_advisor.engine.kb import cache as kb_cache
from gvc_advisor.engine.kb import loader


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("GVC_ADVISOR_NO_CACHE", raising=False)
    monkeypatch.setenv("GVC_ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_second_load_comes_from_cache_and_a_change_invalidates(tmp_path, cache_dir, monkeypatch):
    from conftest import SMALL_KB

    root = tmp_path / "kb"
    shutil.copytree(SMALL_KB, root)
    first = loader.load_knowledge_base(root)
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    calls = []
    monkeypatch.setattr(loader, "_load_uncached", lambda *a: calls.append(a) or first)
    second = loader.load_knowledge_base(root)
    assert calls == [] and second.content_hash == first.content_hash
    monkeypatch.undo()
    monkeypatch.delenv("GVC_ADVISOR_NO_CACHE", raising=False)
    monkeypatch.setenv("GVC_ADVISOR_CACHE_DIR", str(cache_dir))
    rules = root / "rules" / "driver.yaml"
    rules.write_text(rules.read_text().replace("cf: 0.9}", "cf: 0.5}", 1))
    third = loader.load_knowledge_base(root)
    assert third.content_hash != first.content_hash


def test_errors_are_never_cached(tmp_path, cache_dir):
    from conftest import SMALL_KB

    root = tmp_path / "kb"
    shutil.copytree(SMALL_KB, root)
    (root / "rules" / "bad.yaml").write_text("rules: [\n")
    for _ in range(2):
        with pytest.raises(KnowledgeBaseError):
            loader.load_knowledge_base(root)
    assert not list(cache_dir.glob("*.pickle"))


def test_corrupt_cache_is_ignored(tmp_path, cache_dir):
    from conftest import SMALL_KB

    root = tmp_path / "kb"
    shutil.copytree(SMALL_KB, root)
    loader.load_knowledge_base(root)
    for entry in cache_dir.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert loader.load_knowledge_base(root).rules
    assert kb_cache.read("missing") is None
