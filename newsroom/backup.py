"""Backups of the whole site: one PostgreSQL dump and every media file, with a manifest.

`manage.py backup` and `manage.py restore` (README "Backup and restore"). Only the database
connection and the storage API are used, no app's models: the same code backs up media on disk
and in a bucket, and lives in newsroom/ with the other site-wide parts.

A backup folder holds `database.dump` (pg_dump's custom format), `media/` (every file of the
default storage, under its storage name) and `manifest.json`: the row count of every table
as seen by the dump's snapshot, and the size and SHA-256 of the dump and of each media file.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
# The dated folders `default_folder()` names: the only ones `prune()` may delete.
DATED_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}T\d{6}Z")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def _pg(alias):
    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise BackupError(
            f"Backups need PostgreSQL; the database is {connection.vendor}. With SQLite, copy "
            f"the database file while the site is stopped."
        )
    return connection


def _pg_env(connection):
    # libpq's variables: no password on a command line, where `ps` would show it.
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if db.get("OPTIONS", {}).get(option):
            env[f"PG{option.upper()}"] = str(db["OPTIONS"][option])
    return env


def _run(command, env):
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client).") from None
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sha256(path_or_file):
    digest = hashlib.sha256()
    handle = open(path_or_file, "rb") if isinstance(path_or_file, Path) else path_or_file
    with handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _table_counts(connection):
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def storage_names(storage, folder=""):
    """Every file name in the storage, walked through the storage API (disk or bucket)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a MEDIA_ROOT nothing was uploaded to yet
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += storage_names(storage, f"{folder}{sub}/")
    return sorted(names)


def default_folder():
    root = Path(getattr(settings, "BACKUP_DIR", None) or Path(settings.VAR_DIR) / "backups")
    return root / timezone.now().strftime("%Y-%m-%dT%H%M%SZ")


def prune(root, keep):
    """Delete the oldest dated backups under `root` but the newest `keep` (0: keep all), and
    return them. Only folders named as `default_folder()` names them and holding a manifest
    count: nothing else under `root` is touched."""
    if keep <= 0:
        return []
    dated = sorted(
        folder
        for folder in Path(root).iterdir()
        if folder.is_dir() and DATED_FOLDER.fullmatch(folder.name) and (folder / MANIFEST).is_file()
    )
    old = dated[:-keep]
    for folder in old:
        shutil.rmtree(folder)
    return old


def backup(folder, alias="default"):
    """Write a backup into `folder` (new or empty) and return its manifest."""
    connection = _pg(alias)
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: a backup goes into a new folder.")
    (folder / MEDIA).mkdir(parents=True)
    # The counts and the dump come from one snapshot: the transaction exports it and pg_dump
    # reads through it, so rows saved meanwhile are in neither.
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        tables = _table_counts(connection)
        dump = folder / DUMP
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
            + [f"--file={dump}"],
            _pg_env(connection),
        )
    # Media after the dump: names are never reused, so every file the dump refers to is there.
    storage = storages["default"]
    media = {}
    for name in storage_names(storage):
        target = folder / MEDIA / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
        media[name] = {"bytes": target.stat().st_size, "sha256": _sha256(target)}
    manifest = {
        "created": timezone.now().isoformat(),
        "database": {"file": DUMP, "sha256": _sha256(dump), "tables": tables},
        "media": {"storage": settings.MEDIA_STORAGE, "count": len(media), "files": media},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def read_manifest(folder):
    """The manifest of a backup folder, after checking every checksum in it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a backup: no readable {MANIFEST} ({error}).") from None
    dump = folder / manifest["database"]["file"]
    if not dump.is_file() or _sha256(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"{dump} is missing or does not match its checksum: the backup is damaged.")
    for name, entry in manifest["media"]["files"].items():
        path = folder / MEDIA / name
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise BackupError(f"Media file {name} is missing or does not match its checksum.")
    return manifest


def restore(folder, alias="default"):
    """Load a backup into an empty database and an empty media storage; return its manifest."""
    connection = _pg(alias)
    manifest = read_manifest(folder)
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} tables): "
            f"restore only into a new database (createdb), never over a live one."
        )
    storage = storages["default"]
    if storage_names(storage):
        raise BackupError("The media storage is not empty: restore only into an empty folder or bucket.")
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(Path(folder) / manifest["database"]["file"]),
        ],
        _pg_env(connection),
    )
    connection.close()  # it saw no tables; the next query sees the restored ones
    for name in manifest["media"]["files"]:
        with open(Path(folder) / MEDIA / name, "rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}: it was not empty.")
    restored = _table_counts(connection)
    if restored != manifest["database"]["tables"]:
        raise BackupError("The restored database's row counts differ from the manifest.")
    return manifest
