#!/usr/bin/env bash
# Time and memory bounds of the renderers on hostile registers that `stake check`
# accepts (issue 11). Each case is generated, built RUNS times with the release binary
# under /usr/bin/time -v, and its median wall time and largest peak RSS are printed
# beside the bound it must stay within; the script exits 1 when a case breaks its bound
# or stake crashes (an exit status other than the one the case expects).
#
#   benches/hostile.sh            every case, RUNS=3
#   benches/hostile.sh headings   the cases whose name contains `headings`
#   WORK=/tmp/h benches/hostile.sh   keep the generated registers
#
# Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
FILTER=${1:-}
if [ -n "${WORK:-}" ]; then
  work=$WORK
  rm -rf "$work" && mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet
stake=$(pwd)/${CARGO_TARGET_DIR:-target}/release/stake

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
HEAD = "---\nname: {name}\ncategory: internal\npower: H\ninterest: M\n"

def register(case, project_body="", files=()):
    root = os.path.join(work, case)
    os.makedirs(root)
    with open(os.path.join(root, "_project.md"), "w") as f:
        f.write("---\nname: Hostile\nas_of: 2026-11-20\n---\n" + project_body)
    for name, text in files:
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

ann = HEAD.format(name="Ann Lee") + "---\n"
register("quotes-2000-project", "> " * 2000 + "deep\n", [("ann-lee.md", ann)])
register("quotes-20000-notes", "", [("ann-lee.md", ann + "> " * 20000 + "deep\n")])
register("bullets-50000-notes", "", [("ann-lee.md", ann + "- " * 50000 + "deep\n")])
register("headings-40000", "", [("ann-lee.md", ann + "# h\n" * 40000)])
register("name-400000", "", [("ann-lee.md", HEAD.format(name="x" * 400000) + "tags: [board]\n---\n")])
touches = "".join(
    f"  - {{content: Touch {i}, channel: email, frequency: daily, starts: 2026-11-23}}\n"
    for i in range(3000))
register("touches-3000-daily", "", [("ann-lee.md", HEAD.format(name="Ann Lee") + "communication:\n" + touches + "---\n")])
register("template-doubling", "", [("ann-lee.md", ann), ("templates/index.md.tera",
    '{% set s = "xxxxxxxxxxxxxxxx" %}{% for i in range(end=100) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}\n')])
PY

# case | command (run in the case's folder) | expected status | max seconds | max MiB
cases=(
  "quotes-2000-project|build . -o ../out-CASE --format html,pdf|0|10|300"
  "quotes-20000-notes|build . -o ../out-CASE --format html,pdf|0|10|300"
  "bullets-50000-notes|build . -o ../out-CASE --format html,pdf|0|10|300"
  "headings-40000|build . -o ../out-CASE --format html,pdf|0|20|600"
  "name-400000|brief . --tag board -o ../out-CASE|0|20|600"
  "touches-3000-daily|build . -o ../out-CASE --horizon-weeks 104|0|30|1024"
  "template-doubling|build . -o ../out-CASE --format html|2|40|9216"
)

failed=0
printf '%-22s %10s %10s %8s %8s  %s\n' case median_s peak_MiB max_s max_MiB result
for spec in "${cases[@]}"; do
  IFS='|' read -r case args expect max_s max_mib <<<"$spec"
  [[ -z "$FILTER" || "$case" == *"$FILTER"* ]] || continue
  times=()
  peak=0
  result=ok
  for _ in $(seq "$RUNS"); do
    rm -rf "$work/out-$case"
    # shellcheck disable=SC2086
    set +e
    (cd "$work/$case" && /usr/bin/time -v -o "$work/time.txt" "$stake" ${args//CASE/$case} \
      >"$work/stdout.txt" 2>"$work/stderr.txt")
    status=$?
    set -e
    if [ "$status" != "$expect" ]; then
      result="exit $status, expected $expect: $(head -c 300 "$work/stderr.txt")"
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time.txt")
    times+=("$wall")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  if [ "$result" = ok ]; then
    awk -v m="$median" -v b="$max_s" 'BEGIN {exit !(m > b)}' && result="too slow"
    [ "$peak" -gt "$max_mib" ] && result="too much memory"
  fi
  [ "$result" = ok ] || failed=1
  printf '%-22s %10s %10s %8s %8s  %s\n' "$case" "$median" "$peak" "$max_s" "$max_mib" "$result"
done
exit $failed
