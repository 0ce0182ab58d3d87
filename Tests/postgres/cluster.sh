#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for the store's tests and the
# load test: `Tests/postgres/cluster.sh COMMAND...` installs Debian's
# postgresql when it is missing, starts a new cluster in a temporary folder
# (as the postgres account when run as root), makes the two roles rj uses
# (rj_owner, which owns the tables and may create databases, and rj_app,
# which rj connects as), runs COMMAND with RJ_TEST_POSTGRES naming the
# server, and stops the cluster afterwards, even when COMMAND fails.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true; }
bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "Installing postgresql (for the tests on PostgreSQL)..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi

run_as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
folder=$(mktemp -d /tmp/rj-postgres.XXXXXX)
chmod 755 "$folder"
[ "$(id -u)" = 0 ] && chown postgres "$folder"
port=${RJ_POSTGRES_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

stop() {
  run_as "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT

run_as "$bin/initdb" -D "$folder/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
run_as "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off -c max_connections=200" start >/dev/null
psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c "CREATE ROLE rj_owner LOGIN CREATEDB" -c "CREATE ROLE rj_app LOGIN" >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (stopped when this ends)"

export RJ_TEST_POSTGRES="postgres://rj_owner@127.0.0.1:$port/postgres"
export PATH="$bin:$PATH"
"$@"
