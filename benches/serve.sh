#!/usr/bin/env bash
# Benchmark of `stake serve`: the time from saving one stakeholder file to the reload
# message on an open page's event stream, on the synthetic register of benches/html.sh
# (N stakeholders), and the time of the first build. Prints the median of RUNS saves.
#
#   benches/serve.sh [N]      N defaults to 1000; RUNS=7 by default
#
# EDIT=name (the default) renames the stakeholder: every page that names them changes,
# which with `names` on every profile is each page. EDIT=summary rewords one of their
# interactions, as a day's logging does: their profile and the pages listing
# interactions change, the other profiles are reused from the build before.
#
# Needs python3 (the generator and the client). Hugo is not needed: the register is made
# by html.sh's generator (which also times `stake build` against Hugo when hugo is there).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${RUNS:-7}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# STAKE=path times that binary instead of building the release one.
[ -n "${STAKE:-}" ] || cargo build --release --quiet
stake=${STAKE:-${CARGO_TARGET_DIR:-target}/release/stake}
# The register only: html.sh's generator, without its timings.
GENERATE_ONLY=1 WORK="$work" benches/html.sh "$N" >/dev/null

"$stake" serve "$work/register" --port 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 600); do
  grep -q '^Listening on ' "$work/serve.log" && break
  sleep 0.1
done
address=$(sed -n 's/^Listening on http:\/\/\([^,]*\),.*/\1/p' "$work/serve.log")
head -1 "$work/serve.log"

python3 - "$address" "$work/register/people/s00007.md" "$RUNS" "${EDIT:-name}" <<'PY'
import re, socket, statistics, sys, time, urllib.request
address, path, runs, edit = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
host, port = address.split(":")
original = open(path, encoding="utf-8").read()
page_url = f"http://{address}/stakeholders/s00007.html"
times = []
for i in range(runs):
    page = urllib.request.urlopen(page_url).read().decode()
    since = re.search(r'since=([^"]+)"', page).group(1)
    events = socket.create_connection((host, int(port)))
    events.sendall(f"GET /__stake/events?since={since} HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
    seen = b""
    while b"\r\n\r\n" not in seen:
        seen += events.recv(65536)
    seen = seen.split(b"\r\n\r\n", 1)[1]
    if edit == "name":
        edited = original.replace("name: Stakeholder 7\n", f"name: Stakeholder 7 edit {i}\n")
        shown = f"Stakeholder 7 edit {i}"
    else:
        edited = original.replace("summary: Meeting 6\n", f"summary: Meeting 6 edit {i}\n")
        shown = f"Meeting 6 edit {i}"
    assert edited != original
    start = time.perf_counter()
    with open(path, "w", encoding="utf-8") as f:
        f.write(edited)
    while b"event: reload" not in seen:
        seen += events.recv(65536)
    took = time.perf_counter() - start
    events.close()
    page = urllib.request.urlopen(page_url).read().decode()
    assert shown in page, "the served page does not show the save"
    times.append(took)
    time.sleep(0.5)
print(f"save ({edit}) -> reload message, median of {runs}: {statistics.median(times) * 1000:.0f} ms "
      f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
PY
grep -c ' rebuilt in ' "$work/serve.log" | xargs printf '%s rebuilds logged\n'
# Peak memory of the server (Linux): the whole site is held in memory.
grep VmHWM "/proc/$server/status" 2>/dev/null | awk '{printf "server peak memory: %.0f MB\n", $2 / 1024}' || true
