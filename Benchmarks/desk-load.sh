#!/usr/bin/env bash
# The review desk under load, on loopback only: 10,000 letters stored, wrk
# with 50 connections for 30 s (or the seconds given) against the queue page and a letter page, and
# against the desk's own stylesheet as the peer (the same server with no page
# to build). Every request is bounded in time and count; nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

command -v wrk >/dev/null || { echo "Installing wrk..."; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product rj >/dev/null
RJ=$(swift build -c release --show-bin-path)/rj
folder=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$folder"' EXIT

swift run -c release --package-path Benchmarks rj-bench desk-store "$folder/desk.sqlite" | tail -n 1
# desk STORE LABEL: the desk on STORE under wrk, the three pages in turn.
desk() {
  local store=$1 label=$2
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  RJ_KEY_FILE="$folder/desk.sqlite.key" "$RJ" serve --store "$store" --port "$port" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 0.2; done

  jar="$folder/cookies-$label"
  token=$(curl -s -c "$jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="login" value="\([^"]*\)".*/\1/p')
  curl -s -o /dev/null -b "$jar" -c "$jar" --data "login=$token&username=bench&password=bench-password" "http://127.0.0.1:$port/login"
  session=$(awk '$6 == "rj_session" { print $7 }' "$jar")
  [ -n "$session" ] || { echo "desk-load: could not sign in ($label)" >&2; exit 1; }

  echo "## Review desk under load on $label: 10,000 letters, wrk -t2 -c50 -d${seconds}s on loopback"
  printf '%-46s %12s %10s %10s %8s\n' "page" "requests/s" "p50 ms" "p99 ms" "errors"
  declare -A rate
  for target in "static:/static/desk.css" "queue:/" "letter:/letters/5000"; do
    name=${target%%:*}; path=${target#*:}
    out=$(wrk -t2 -c50 -d"${seconds}s" --timeout 5s --latency -H "Cookie: rj_session=$session" "http://127.0.0.1:$port$path")
    rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { for (i = 4; i <= NF; i += 2) { gsub(",", "", $i); n += $i } } END { print n + 0 }' <<<"$out")
    rate[$name]=$rps
    printf '%-46s %12s %10s %10s %8s\n' "$name ($path)" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "$errors"
    echo "desk-$label-$name-p99-ms: $(to_ms "$p99") (target under 50 for the queue and letter pages)"
  done
  echo "desk-$label-queue-vs-static: $(awk -v a="${rate[queue]}" -v b="${rate[static]}" 'BEGIN { printf "%.3f", a / b }')"
  echo "desk-$label-letter-vs-static: $(awk -v a="${rate[letter]}" -v b="${rate[static]}" 'BEGIN { printf "%.3f", a / b }')"
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub("us", "", v); print v / 1000 } else if (v ~ /ms$/) { sub("ms", "", v); print v } else { sub("s", "", v); print v * 1000 } }'; }

desk "$folder/desk.sqlite" sqlite
# The same store copied into PostgreSQL, when a server is named (Tests/postgres/cluster.sh starts one).
if [ -n "${RJ_TEST_POSTGRES:-}" ]; then
  database=rj_desk_$$
  psql -q -d "$RJ_TEST_POSTGRES" -c "CREATE DATABASE $database"
  owner=$(python3 -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p._replace(path='/$database').geturl())" "$RJ_TEST_POSTGRES")
  app=$(python3 -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p._replace(netloc='rj_app@' + p.netloc.split('@')[-1]).geturl())" "$owner")
  "$RJ" store migrate --store "$owner" --app-role rj_app >/dev/null
  "$RJ" store copy --from "$folder/desk.sqlite" --to "$app" --as bench | tail -n 1
  # The planner's statistics for the copied rows, as autovacuum would gather within a minute (the owner's to do).
  psql -q -d "$owner" -c "ANALYZE staff, letter, letterVersion, review, redaction, party, auditEntry"
  desk "$app" postgres
  psql -q -d "$RJ_TEST_POSTGRES" -c "DROP DATABASE $database WITH (FORCE)"
else
  echo "skipped: the desk on PostgreSQL (set RJ_TEST_POSTGRES, or run make bench, which starts a throwaway server)"
fi
