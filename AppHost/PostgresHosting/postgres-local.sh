#!/usr/bin/env bash
# Runs PostgreSQL from this machine's binaries for the AppHost's local mode (no container engine).
# PGDATA and PGPORT come from the AppHost. postgres refuses to run as root, so as root it drops to the
# `postgres` user, which must own the data directory.
set -euo pipefail
: "${PGDATA:?PGDATA is not set}" "${PGPORT:?PGPORT is not set}"

if command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
else
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "${bindir}" ] || [ ! -x "${bindir}/postgres" ]; then
  echo "PostgreSQL binaries not found: run 'bash eng/bootstrap.sh' (installs Debian's postgresql) or put initdb on PATH." >&2
  exit 1
fi

as_owner=()
mkdir -p "$PGDATA"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "Running as root needs a 'postgres' user (Debian's postgresql package creates it)." >&2; exit 1; }
  chown postgres:postgres "$PGDATA"
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  # Trust on a loopback-only listener: the stand-in is reachable from this machine alone.
  "${as_owner[@]}" "$bindir/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
fi

"${as_owner[@]}" "$bindir/postgres" -D "$PGDATA" -p "$PGPORT" -k "$PGDATA" \
  -c listen_addresses=127.0.0.1 -c max_connections=200 &
server=$!
# The AppHost stops us with SIGTERM, which postgres reads as "smart" shutdown: wait for every client to
# leave. Clients (pooled connections of the services and the AppHost's own health check) leave only after
# we are gone, so translate it to "fast" shutdown, which disconnects them.
trap 'kill -INT "$server" 2>/dev/null' TERM INT
wait "$server" || true
wait "$server" 2>/dev/null || true
