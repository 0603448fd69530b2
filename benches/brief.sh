#!/usr/bin/env bash
# Benchmark of `stake brief` for a meeting record on a synthetic register of N
# stakeholders: the brief of a meeting of 10 and of 1,000 attendees (so the cost of an
# attendee shows as the difference), beside `stake analyze` on the same register (the
# analysis every brief starts from). Prints the median wall time of RUNS interleaved runs
# of each and the peak resident memory of one run each.
#
#   benches/brief.sh [N]       N defaults to 10000; RUNS=5 by default
#
# Needs python3 (the generator) and GNU time (`/usr/bin/time`, Debian's `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
stake=${CARGO_TARGET_DIR:-target}/release/stake

# Stakeholders with a position on one of 20 issues (so each issue has N/20 holders, whom
# "since the last contact" looks through) and three interactions each; 30 meetings held
# before the analysis date with N/500 attendees each; two planned meetings.
python3 - "$work/register" "$N" <<'PY'
import os, random, sys
reg, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(11)
os.makedirs(os.path.join(reg, "people"))
os.makedirs(os.path.join(reg, "meetings"))
with open(os.path.join(reg, "_project.md"), "w") as f:
    f.write("---\nname: Synthetic register\nas_of: 2026-11-20\n---\n")
levels = ["low", "medium", "high", "very-high"]
for i in range(n):
    acts = "".join(
        f"  - {{date: 2026-{m:02d}-{rng.randrange(1, 28):02d}, channel: call, summary: Call {m}, sentiment: {rng.randrange(1, 6)}}}\n"
        for m in (6, 9, 11))
    with open(os.path.join(reg, "people", f"s{i:05d}.md"), "w") as f:
        f.write(f"---\nname: Stakeholder {i}\ncategory: external\npower: {rng.choice(levels)}\n"
                f"interest: {rng.choice(levels)}\npositions:\n  - {{issue: Issue {i % 20}, stance: "
                f"{rng.choice(['support', 'oppose', 'neutral', 'mixed'])}}}\ninteractions:\n{acts}---\n")
for k in range(30):
    ids = ", ".join(f"s{i:05d}" for i in range(k, n, 500))
    with open(os.path.join(reg, "meetings", f"held-{k:02d}.md"), "w") as f:
        f.write(f"---\nmeeting: Held {k}\ndate: 2026-11-{k % 19 + 1:02d}\nattendees: [{ids}]\ndecisions: [Decision {k}]\n---\n")
for size in (10, 1000):
    ids = ", ".join(f"s{i:05d}" for i in range(0, n, max(1, n // size)))
    with open(os.path.join(reg, "meetings", f"planned-{size}.md"), "w") as f:
        f.write(f"---\nmeeting: Planned {size}\ndate: 2026-12-10\nattendees: [{ids}]\n---\nAgenda.\n")
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_one() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
brief() { "$stake" brief "$work/register" "planned-$1" --format md -o "$work/brief-$1"; }
analyze() { "$stake" analyze "$work/register" --format json; }
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

brief 10 >/dev/null 2>&1
small="" large="" analysis=""
for _ in $(seq "$RUNS"); do
  small+="$(time_one brief 10)"$'\n'
  large+="$(time_one brief 1000)"$'\n'
  analysis+="$(time_one analyze)"$'\n'
done
s=$(printf '%s' "$small" | median)
l=$(printf '%s' "$large" | median)
a=$(printf '%s' "$analysis" | median)
printf '%d stakeholders (median of %d runs, interleaved)\n' "$N" "$RUNS"
pa=$(peak "$stake" analyze "$work/register" --format json)
ps=$(peak "$stake" brief "$work/register" planned-10 --format md -o "$work/brief-10")
pl=$(peak "$stake" brief "$work/register" planned-1000 --format md -o "$work/brief-1000")
printf '  stake analyze:              %.3f s   peak %d MB\n' "$a" "$((pa / 1024))"
printf '  brief of   10 attendees:    %.3f s   peak %d MB   %.2f x analyze\n' "$s" "$((ps / 1024))" "$(echo "$s / $a" | bc -l)"
printf '  brief of 1000 attendees:    %.3f s   peak %d MB   %.2f x the brief of 10\n' "$l" "$((pl / 1024))" "$(echo "$l / $s" | bc -l)"
printf '  per attendee:               %.2f ms\n' "$(echo "($l - $s) * 1000 / 990" | bc -l)"
