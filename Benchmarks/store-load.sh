#!/usr/bin/env bash
# Twenty reviewers at once, ten in each of two offices, for SECONDS (default
# 60) against one store: first a SQLite file, then PostgreSQL (the server
# RJ_TEST_POSTGRES names; run it under Tests/postgres/cluster.sh for a
# throwaway one). Each reviewer is its own process, submitting, approving,
# recording consent and releasing at random. Afterwards: no letter released
# twice or without its approval and consent, no lost update (every success
# a process reports is one audit entry), and the trail verifies. Prints the
# actions per second on each store and their ratio; exits 1 if a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
configuration=${RJ_LOAD_CONFIGURATION:-release}
swift build -c "$configuration" --product rj-load >/dev/null
swift build -c "$configuration" --product rj >/dev/null
load=$(swift build -c "$configuration" --show-bin-path)/rj-load
rj=$(swift build -c "$configuration" --show-bin-path)/rj
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT

run() {  # run NAME STORE KEY
  local name=$1 store=$2 key=$3
  "$load" setup "$store" "$key" >/dev/null
  local pids=()
  for office in york leeds; do
    for number in $(seq 10); do
      "$load" work "$store" "$key" "$office-$number" "$seconds" "$RANDOM$number" >"$folder/$name-$office-$number.json" &
      pids+=($!)
    done
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  "$load" check "$store" "$key" >"$folder/$name-check.json"
  python3 - "$name" "$seconds" "$folder" <<'PY'
import glob, json, sys
name, seconds, folder = sys.argv[1], float(sys.argv[2]), sys.argv[3]
done = {}
for path in glob.glob(f"{folder}/{name}-*-*.json"):
    for action, count in json.load(open(path)).items():
        done[action] = done.get(action, 0) + count
check = json.load(open(f"{folder}/{name}-check.json"))
succeeded = sum(done.get(a, 0) for a in ("submit", "approve", "consent", "release"))
lost = [a for a in ("submit", "approve", "consent", "release") if done.get(a, 0) != check["byAction"].get(a, 0)]
problems = []
if not check["intact"]: problems.append("the audit trail does not verify")
if check["releasedTwice"]: problems.append(f'{check["releasedTwice"]} letters released twice')
if check["releasedWithoutApprovalOrConsent"]: problems.append(f'{check["releasedWithoutApprovalOrConsent"]} released without approval and consent')
if lost: problems.append("lost updates in " + ", ".join(f'{a} ({done.get(a, 0)} reported, {check["byAction"].get(a, 0)} on the trail)' for a in lost))
if done.get("failed", 0): problems.append(f'{done["failed"]} actions failed in the store')
print(f"{name:10} {succeeded / seconds:10.1f} actions/s  ({done.get('submit', 0)} submitted, {done.get('approve', 0)} approved, "
      f"{done.get('consent', 0)} consents, {done.get('release', 0)} released, {done.get('refused', 0)} refused by the rules; "
      f"{check['entries']} entries, trail {'verifies' if check['intact'] else 'BROKEN'})")
open(f"{folder}/{name}.rate", "w").write(str(succeeded / seconds))
if problems:
    print(f"{name}: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
PY
}

echo "## Twenty reviewers in two offices, ${seconds}s each store ($configuration build)"
run sqlite "$folder/load.sqlite" "$folder/load.sqlite.key"
if [ -n "${RJ_TEST_POSTGRES:-}" ]; then
  database=rj_load_$$
  psql -q -d "$RJ_TEST_POSTGRES" -c "CREATE DATABASE $database"
  owner=$(python3 -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p._replace(path='/$database').geturl())" "$RJ_TEST_POSTGRES")
  app=$(python3 -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p._replace(netloc='rj_app@' + p.netloc.split('@')[-1]).geturl())" "$owner")
  "$rj" store migrate --store "$owner" --app-role rj_app >/dev/null
  run postgres "$app" "$folder/load-pg.key"
  psql -q -d "$RJ_TEST_POSTGRES" -c "DROP DATABASE $database WITH (FORCE)"
  echo "postgres-vs-sqlite: $(awk -v a="$(cat "$folder/postgres.rate")" -v b="$(cat "$folder/sqlite.rate")" 'BEGIN { printf "%.3f", a / b }')"
else
  echo "skipped: PostgreSQL (set RJ_TEST_POSTGRES, or run: Tests/postgres/cluster.sh bash Benchmarks/store-load.sh)"
fi
