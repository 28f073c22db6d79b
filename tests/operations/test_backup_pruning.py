"""Old backups are deleted after a new one is written: the newest BACKUP_KEEP dated backups
stay, and nothing else in BACKUP_DIR is ever touched."""

import shutil
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from newsroom import backup as backups
from newsroom.backup import prune


def make_backup_folder(root, name, manifest=True):
    folder = root / name
    (folder / "media").mkdir(parents=True)
    if manifest:
        (folder / "manifest.json").write_text("{}")
    return folder


def test_prune_keeps_the_newest_dated_backups_and_nothing_else_is_touched(tmp_path):
    dated = [make_backup_folder(tmp_path, f"2026-11-{day:02d}T023000Z") for day in range(20, 25)]
    unfinished = make_backup_folder(tmp_path, "2026-11-01T023000Z", manifest=False)  # a failed run
    by_hand = make_backup_folder(tmp_path, "before-upgrade")
    (tmp_path / "notes.txt").write_text("kept")
    deleted = prune(tmp_path, keep=2)
    assert deleted == dated[:3]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [dated[3].name, dated[4].name, unfinished.name, by_hand.name, "notes.txt"]
    )


def test_keep_zero_keeps_every_backup(tmp_path):
    for day in range(20, 25):
        make_backup_folder(tmp_path, f"2026-11-{day:02d}T023000Z")
    assert prune(tmp_path, keep=0) == []
    assert len(list(tmp_path.iterdir())) == 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump")
def test_each_daily_backup_deletes_the_ones_beyond_backup_keep(tmp_path, settings, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("backups need PostgreSQL")
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_KEEP = 2
    day = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
    outputs = []
    for n in range(3):
        monkeypatch.setattr(backups.timezone, "now", lambda n=n: day + timedelta(days=n))
        out = StringIO()
        call_command("backup", stdout=out)
        outputs.append(out.getvalue())
    assert sorted(path.name for path in tmp_path.iterdir()) == ["2026-11-21T023000Z", "2026-11-22T023000Z"]
    assert "Deleted the old backup" in outputs[2] and "2026-11-20T023000Z" in outputs[2]
    assert "Deleted" not in outputs[1]
