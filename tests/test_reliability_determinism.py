"""Issue 9, item 7: the same answers give the same bytes in every process.

Before, experta's rule *set* decided the order of activations that tie on
salience and facts, so the ``trace`` of ``advise --format json`` changed from
one process to the next (7 orders in 12 runs), even with PYTHONHASHSEED fixed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.synthetic import dump_yaml

#: Every worked case through the real ``advise`` command (in one process, the
#: knowledge base loaded once), in every format.
SCRIPT = """
import sys
from unittest import mock
from click.testing import CliRunner
from gvc_advisor.cli import cli
from gvc_advisor.engine.kb.loader import load_knowledge_base
kb = load_knowledge_base()
with mock.patch("gvc_advisor.cli.base.load_kb", return_value=kb):
    for path in sys.argv[1:]:
        for fmt in ("json", "markdown", "html"):
            result = CliRunner().invoke(cli, ["advise", path, "--format", fmt])
            assert result.exit_code == 0, result.output
            sys.stdout.write(result.stdout)
"""


def test_advise_output_is_byte_identical_across_processes_and_hash_seeds(tmp_path):
    kb = load_knowledge_base(default_kb_root())
    paths = []
    for case in kb.cases:
        path = tmp_path / f"{case.id}.yaml"
        path.write_text(dump_yaml({"firm": case.firm, "answers": case.answers}))
        paths.append(str(path))
    digests = set()
    for seed in ("0", "1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "GVC_ADVISOR_NO_CACHE": "1"}
        done = subprocess.run([sys.executable, "-c", SCRIPT, *paths], capture_output=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        assert b'"trace"' in done.stdout
        digests.add(hashlib.sha256(done.stdout).hexdigest())
    assert len(digests) == 1
