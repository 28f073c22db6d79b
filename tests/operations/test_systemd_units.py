"""deploy/systemd/: the units pass `systemd-analyze verify` and keep their sandboxing."""

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
SERVICES = sorted(UNITS.glob("*.service"))
ANALYZE = shutil.which("systemd-analyze")


def read_unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read(path)
    return parser


def test_every_command_has_its_service_and_timer():
    names = {path.name for path in UNITS.iterdir()}
    assert {
        "newsroom.service",
        "newsroom-tasks.service",
        "newsroom-purge.service",
        "newsroom-purge.timer",
        "newsroom-check-sources.service",
        "newsroom-check-sources.timer",
        "newsroom-backup.service",
        "newsroom-backup.timer",
    } <= names
    assert "manage.py purge_commenter_data" in (UNITS / "newsroom-purge.service").read_text()
    assert "check_sources" in read_unit(UNITS / "newsroom-check-sources.service")["Service"]["ExecStart"]
    assert "manage.py backup" in read_unit(UNITS / "newsroom-backup.service")["Service"]["ExecStart"]
    assert "db_worker" in read_unit(UNITS / "newsroom-tasks.service")["Service"]["ExecStart"]


def test_the_daily_purge_also_deletes_expired_sessions():
    """Sessions live in the database, and Django deletes expired ones only when told."""
    commands = [
        line.split("manage.py", 1)[1].split()[0]
        for line in (UNITS / "newsroom-purge.service").read_text().splitlines()
        if line.startswith("ExecStart=")
    ]
    assert commands == ["purge_commenter_data", "clearsessions"]


@pytest.mark.parametrize("path", SERVICES, ids=lambda path: path.name)
def test_services_run_sandboxed_as_their_own_user(path):
    service = read_unit(path)["Service"]
    assert service["User"] == "newsroom"
    assert service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == "/srv/newsroom/var"
    assert service["EnvironmentFile"] == "/etc/newsroom/env"
    for option in (
        "NoNewPrivileges",
        "PrivateTmp",
        "ProtectHome",
        "ProtectKernelTunables",
        "ProtectControlGroups",
        "LockPersonality",
    ):
        assert service[option] == "true", option
    assert service["RestrictAddressFamilies"] == "AF_INET AF_INET6 AF_UNIX"


@pytest.mark.skipif(not ANALYZE, reason="systemd-analyze is not installed")
def test_units_pass_systemd_analyze_verify(tmp_path):
    # The venv's binaries do not exist here: point ExecStart at a real one, keep the rest.
    for path in UNITS.iterdir():
        text = path.read_text()
        for binary in ("/srv/newsroom/.venv/bin/gunicorn", "/srv/newsroom/.venv/bin/python"):
            text = text.replace(binary, "/bin/true")
        (tmp_path / path.name).write_text(text)
    units = sorted(str(path) for path in tmp_path.iterdir())
    result = subprocess.run(
        [ANALYZE, "verify", "--man=no", *units], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    # verify warns (exit 0) about unknown or misplaced options: those are mistakes too.
    problems = [line for line in result.stderr.splitlines() if str(tmp_path) in line]
    assert problems == []


@pytest.mark.skipif(not ANALYZE, reason="systemd-analyze is not installed")
def test_verify_would_catch_a_misspelt_option(tmp_path):
    bad = tmp_path / "newsroom-purge.service"
    bad.write_text(
        (UNITS / "newsroom-purge.service")
        .read_text()
        .replace("/srv/newsroom/.venv/bin/python", "/bin/true")
        .replace("ProtectHome=", "ProtectHomme=")
    )
    result = subprocess.run(
        [ANALYZE, "verify", "--man=no", str(bad)], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert "ProtectHomme" in result.stderr
