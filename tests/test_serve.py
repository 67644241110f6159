"""``gvc-advisor serve`` without a running server: the secrets, the throttle,
the listening socket and the option errors (the live server is in
test_serve_live.py)."""

from __future__ import annotations

import os
import re
import socket
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from gvc_advisor.cli.main import cli
from gvc_advisor.engine.errors import UserError
from gvc_advisor.web import listen, pages
from gvc_advisor.web.interviews import Slots, interview_command, writable_problem
from gvc_advisor.web.throttle import Throttle
from gvc_advisor.web.tokens import (
    ACCESS_MAX_AGE,
    KEY_FILE,
    Credentials,
    Signer,
    generate_passcode,
    load_or_create_key,
    passcode_problem,
)

KEY = bytes(range(32))


# -- passcode and signed cookies --------------------------------------------------
def test_generated_passcodes_are_readable_and_different():
    codes = {generate_passcode() for _ in range(50)}
    assert len(codes) == 50
    assert all(re.fullmatch(r"[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}", c) for c in codes)
    assert passcode_problem(generate_passcode()) is None


@pytest.mark.parametrize("bad", ["abc", " spaced-out ", "tab\there1"])
def test_unusable_passcodes_are_explained(bad):
    assert passcode_problem(bad)


def test_signed_tokens_reject_forgery_and_reuse_for_another_purpose():
    signer = Signer(KEY)
    token = signer.sign("participant", "0123456789abcdef")
    assert signer.verify("participant", token) == "0123456789abcdef"
    assert signer.verify("access", token) is None
    assert signer.verify("participant", token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    assert signer.verify("participant", "fedcba9876543210." + token.split(".")[1]) is None
    assert Signer(bytes(32)).verify("participant", token) is None
    assert signer.verify("participant", None) is None
    assert signer.verify("participant", "no-dot") is None


def test_access_cookie_needs_the_current_passcode_and_expires():
    now = [1_000_000.0]
    creds = Credentials(KEY, "river-delta", clock=lambda: now[0])
    token = creds.access_token()
    assert creds.access_valid(token)
    assert not creds.access_valid(None)
    assert not Credentials(KEY, "another-code", clock=lambda: now[0]).access_valid(token)
    now[0] += ACCESS_MAX_AGE + 1
    assert not creds.access_valid(token)
    assert Credentials(KEY, None).access_valid(None)  # no passcode: nothing to prove


def test_passcode_comparison_ignores_surrounding_spaces_only():
    creds = Credentials(KEY, "River-Delta")
    assert creds.passcode_matches("River-Delta")
    assert creds.passcode_matches("  River-Delta\n")
    assert not creds.passcode_matches("river-delta")
    assert not creds.passcode_matches("River-Delt")
    assert not creds.passcode_matches("")


def test_participant_ids_are_only_the_shape_we_issue():
    creds = Credentials(KEY, None)
    participant, token = creds.new_participant()
    assert re.fullmatch(r"[0-9a-f]{16}", participant)
    assert creds.participant(token) == participant
    # Even correctly signed, a value that is not 16 hex digits never becomes a folder name.
    for value in ("../../etc/passwd", "0x23456789abcdef", "ABCDEF0123456789"):
        assert creds.participant(creds.signer.sign("participant", value)) is None


def test_the_key_is_kept_private_and_survives_a_restart(tmp_path):
    key = load_or_create_key(tmp_path)
    assert len(key) == 32
    assert load_or_create_key(tmp_path) == key
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    (tmp_path / KEY_FILE).write_text("garbage")
    assert load_or_create_key(tmp_path) != key  # a damaged key is replaced, not fatal


# -- throttle ---------------------------------------------------------------------
def test_wrong_attempts_lock_an_address_out_for_the_window_only():
    now = [0.0]
    throttle = Throttle(limit=3, window=600, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.retry_after("10.0.0.7") == 0
        throttle.failure("10.0.0.7")
        now[0] += 10
    assert throttle.retry_after("10.0.0.7") == pytest.approx(570)
    assert throttle.retry_after("10.0.0.8") == 0  # another device is not punished
    now[0] += 571
    assert throttle.retry_after("10.0.0.7") == 0
    throttle.failure("10.0.0.7")
    throttle.success("10.0.0.7")
    assert throttle.retry_after("10.0.0.7") == 0


def test_throttle_forgets_old_addresses():
    now = [0.0]
    throttle = Throttle(limit=3, window=60, clock=lambda: now[0])
    for i in range(100):
        throttle.failure(f"10.0.1.{i}")
    now[0] += 61
    throttle.failure("10.0.2.1")
    assert list(throttle._failures) == ["10.0.2.1"]


# -- places --------------------------------------------------------------------------
def test_slots_never_give_the_last_place_twice():
    slots = Slots(2)
    assert slots.reserve() and slots.reserve()
    assert not slots.reserve() and slots.full
    slots.release(None)
    assert slots.in_use == 1 and slots.reserve()


def test_interviews_run_this_interpreter_in_workshop_mode(tmp_path):
    command = interview_command(tmp_path)
    assert command[1:5] == ["-m", "gvc_advisor", "interview", "--workshop"]
    assert command[-2:] == ["--kb", str(tmp_path)]


def test_the_cap_message_is_clear():
    assert "All interview places of this workshop (12)" in pages.full_page(12)
    assert b"All interview places of this workshop (12)" in pages.full_terminal(12)


# -- listening socket -------------------------------------------------------------
def test_loopback_addresses():
    assert listen.is_loopback("127.0.0.1") and listen.is_loopback("localhost")
    assert not listen.is_loopback("0.0.0.0")


def test_a_busy_port_is_a_clean_error():
    taken = listen.open_listening_socket("127.0.0.1", 0)
    try:
        port = taken.getsockname()[1]
        with pytest.raises(UserError, match=f"--port {port}: already in use"):
            listen.open_listening_socket("127.0.0.1", port)
    finally:
        taken.close()


@pytest.mark.parametrize("host", ["no-such-host.invalid", "999.1.2.3", "192.0.2.1"])
def test_an_address_that_is_not_this_machine_is_a_clean_error(host):
    with pytest.raises(UserError, match=f"--host {re.escape(host)}: not an address of this machine"):
        listen.open_listening_socket(host, 0)


def test_urls_for_all_addresses_name_a_reachable_host():
    sock = listen.open_listening_socket("0.0.0.0", 0)
    try:
        found, port = listen.urls("0.0.0.0", sock), sock.getsockname()[1]
    finally:
        sock.close()
    assert found and not any("0.0.0.0" in u for u in found)
    assert all(u.endswith(f":{port}/") for u in found)


def test_unwritable_folder_is_reported(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert "cannot write there" in writable_problem(blocker / "workshop")
    assert writable_problem(tmp_path / "new" / "workshop") is None


# -- the command's option errors: exit 1, every problem at once, no traceback --------
def test_bad_options_are_reported_together_with_exit_code_1(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    taken = socket.create_server(("127.0.0.1", 0))
    try:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--workshop", str(blocker / "ws"), "--port", str(port),
                                          "--passcode", "abc"])
    finally:
        taken.close()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "--passcode: the passcode must have at least 6 characters" in result.output
    assert "cannot write there" in result.output
    assert f"--port {port}: already in use" in result.output


def test_a_bad_address_is_exit_code_1(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--workshop", str(tmp_path), "--host", "no-such-host.invalid"])
    assert result.exit_code == 1
    assert "--host no-such-host.invalid: not an address of this machine" in result.output


def test_a_broken_knowledge_base_is_reported_before_serving(tmp_path):
    (tmp_path / "kb").mkdir()
    result = CliRunner().invoke(cli, ["serve", "--workshop", str(tmp_path / "ws"), "--port", "0",
                                      "--kb", str(tmp_path / "kb")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.output.strip()


def test_a_good_start_announces_and_passes_an_absolute_kb_to_the_interviews(tmp_path, monkeypatch):
    from gvc_advisor.engine.kb.loader import default_kb_root
    from gvc_advisor.web.server import WorkshopServer

    started = []
    monkeypatch.setattr(WorkshopServer, "run", lambda self, sock: started.append((self, sock.getsockname())))
    monkeypatch.chdir(tmp_path)
    relative_kb = os.path.relpath(default_kb_root(), tmp_path)
    result = CliRunner().invoke(cli, ["serve", "--workshop", "ws", "--port", "0", "--kb", relative_kb,
                                      "--max-sessions", "1"])
    assert result.exit_code == 0, result.output
    [(server, (host, port))] = started
    assert host == "127.0.0.1"
    assert f"http://127.0.0.1:{port}/" in result.output
    assert "Passcode: none (this computer only)" in result.output
    assert "At most 1 interview at a time" in result.output
    assert server.argv[-2] == "--kb" and Path(server.argv[-1]).is_absolute()
    assert Path(server.argv[-1]) == default_kb_root().resolve()
    assert server.settings.folder == tmp_path.resolve() / "ws"
    assert result.output.strip().splitlines()[-1].startswith("gvc-advisor serve: stopped, 0 interviews closed")
