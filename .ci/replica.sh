#!/usr/bin/env bash
# A streaming read replica of the local PostgreSQL (127.0.0.1:5432) on port 5433, for the
# read-replica tests (README "Read replica"). Made once with `pg_basebackup -R`, started with
# pg_ctl, and reused when it already answers. `.ci/replica.sh stop` stops it.
# Needs wal_level=replica on the primary (PostgreSQL's default); adds a trusted replication
# entry for 127.0.0.1 to the primary's pg_hba.conf and reloads it, nothing more.
set -euo pipefail
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
DATA=${REPLICA_DATA:-/var/lib/postgresql/newsroom-replica}
PG_BIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -1)/bin

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
primary() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -tAc "$1"; }
replica() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -tAc "$1"; }
in_recovery() { replica 'select pg_is_in_recovery()' 2>/dev/null; }

# True once the replica has replayed everything the primary has written so far. A replica
# left paused (a test run killed inside `paused_replay`) is resumed first.
caught_up() {
  local target
  target=$(primary 'select pg_current_wal_lsn()')
  replica 'select pg_wal_replay_resume() where pg_get_wal_replay_pause_state() <> $$not paused$$' >/dev/null
  for _ in $(seq 1 60); do
    [ "$(replica "select pg_last_wal_replay_lsn() >= '$target'::pg_lsn")" = t ] && return 0
    sleep 0.5
  done
  return 1
}

stop_replica() {
  [ -f "$DATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null || true
}

if [ "${1:-start}" = stop ]; then
  stop_replica
  exit 0
fi

if [ "$(in_recovery)" = t ]; then
  # A replica that still runs but follows nothing (the primary was made again, or it lost
  # its place in the WAL) answers with old data: make it again.
  if [ "$(replica 'select system_identifier from pg_control_system()')" = \
       "$(primary 'select system_identifier from pg_control_system()')" ] && caught_up; then
    echo "Replica already running on port $REPLICA_PORT, following the primary"
    exit 0
  fi
  echo "The replica on port $REPLICA_PORT does not follow the primary: making it again"
  stop_replica
  rm -rf "$DATA"
fi

case "$(primary 'show wal_level')" in
  replica | logical) ;;
  *) echo "The primary needs wal_level=replica for a streaming replica." >&2; exit 1 ;;
esac
hba=$(primary 'show hba_file')
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
  echo "Allowing replication connections from 127.0.0.1 in $hba"
  echo "host replication all 127.0.0.1/32 trust" >>"$hba"
  primary 'select pg_reload_conf()' >/dev/null
fi

make_replica() {
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres: "$DATA"
  chmod 700 "$DATA"
  echo "Copying the primary into $DATA (pg_basebackup -R)"
  as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DATA" -R -X stream -c fast
  # Debian keeps the configuration outside the data directory: give the copy its own.
  as_postgres sh -c "printf 'hot_standby = on\n' >'$DATA/postgresql.conf'
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >'$DATA/pg_hba.conf'
    : >'$DATA/pg_ident.conf'"
}

start_replica() {
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$DATA.log" -w -t 60 \
    -o "-p $REPLICA_PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
}

# True once the started replica is in recovery and has replayed what the primary has written.
following() {
  for _ in $(seq 1 30); do
    [ "$(in_recovery)" = t ] && { caught_up; return; }
    sleep 1
  done
  return 1
}

[ -f "$DATA/PG_VERSION" ] || make_replica
# A copy that cannot start or follow the primary any more (left stopped while the primary
# recycled the WAL it needs, or the primary was made again) is made again, once.
if ! { start_replica && following; }; then
  echo "The copy in $DATA does not follow the primary: making it again"
  stop_replica
  make_replica
  if ! { start_replica && following; }; then
    echo "The replica on port $REPLICA_PORT did not come up or does not follow the primary:" >&2
    tail -20 "$DATA.log" >&2 || true
    exit 1
  fi
fi
echo "Replica streaming on port $REPLICA_PORT"
