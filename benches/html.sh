#!/usr/bin/env bash
# Benchmark of `stake build --format html` on a synthetic register of N stakeholders, side
# by side with Hugo building a site of N Markdown pages with YAML front matter, on the same
# machine in the same run. Prints the median wall time of RUNS runs of each and the ratio,
# twice: rebuilding over the previous output with nothing changed (as a user does; Hugo
# rewrites its files in place, stake finds its inputs and its folder as it recorded them
# and skips the build) and into an empty folder (as CI does).
# `stake check` on the same register shows the floor: reading and parsing alone.
#
#   benches/html.sh [N]        N defaults to 10000; RUNS=5 by default
#
# Needs python3 (the generators) and hugo (Debian's `hugo` package).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${RUNS:-5}
# WORK=folder keeps the generated register and site there for a closer look.
if [ -n "${WORK:-}" ]; then
  work=$WORK
  rm -rf "$work" && mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

# STAKE=path times that binary instead of building the release one.
[ -n "${STAKE:-}" ] || [ -n "${GENERATE_ONLY:-}" ] || cargo build --release --quiet
stake=${STAKE:-${CARGO_TARGET_DIR:-target}/release/stake}
# GENERATE_ONLY=1 makes the register and site only (benches/serve.sh uses the register).
[ -n "${GENERATE_ONLY:-}" ] || command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 2; }

python3 - "$work" "$N" <<'PY'
import os, random, sys
work, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
levels = ["very-low", "low", "medium", "high", "very-high"]
engagement = ["unaware", "resistant", "neutral", "supportive", "leading"]
issues = [f"Issue {i}" for i in range(20)]
reg = os.path.join(work, "register")
os.makedirs(os.path.join(reg, "people"))
with open(os.path.join(reg, "_project.md"), "w") as f:
    f.write("---\nname: Synthetic register\nlanguage: en\nas_of: 2026-11-20\n---\n\nA synthetic register for the benchmark.\n")
site = os.path.join(work, "hugo")
for d in ["content/people", "layouts/_default"]:
    os.makedirs(os.path.join(site, d))
with open(os.path.join(site, "hugo.toml"), "w") as f:
    f.write('baseURL = "https://example.org/"\ntitle = "Synthetic"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
with open(os.path.join(site, "layouts/_default/single.html"), "w") as f:
    f.write('<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>'
            '<p>{{ .Params.role }}, {{ .Params.organization }}</p><table>{{ range .Params.needs }}<tr><td>{{ . }}</td></tr>{{ end }}</table>'
            '{{ .Content }}</body></html>\n')
with open(os.path.join(site, "layouts/_default/list.html"), "w") as f:
    f.write('<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
for i in range(n):
    sid = f"s{i:05d}"
    rels = "".join(
        f"  - with: s{rng.randrange(n):05d}\n    type: {rng.choice(['ally', 'conflict', 'influences', 'reports-to'])}\n"
        for _ in range(3))
    acts = "".join(
        f"  - date: 2026-{m:02d}-{rng.randrange(1, 28):02d}\n    channel: meeting\n    summary: Meeting {m}\n    sentiment: {rng.randrange(1, 6)}\n"
        for m in (6, 8, 10))
    e = rng.randrange(5)
    front = (f"name: Stakeholder {i}\nrole: Role {i % 50}\norganization: Org {i % 200}\n"
             f"category: {rng.choice(['internal', 'external'])}\ninvolvement: {rng.choice(['direct', 'indirect'])}\n"
             f"power: {rng.choice(levels)}\ninterest: {rng.choice(levels)}\nlegitimacy: {rng.choice(levels)}\nurgency: {rng.choice(levels)}\n"
             f"engagement: {{current: {engagement[e]}, desired: {engagement[min(4, e + rng.randrange(2))]}}}\nowner: Owner {i % 30}\n"
             f"needs: [Need {i} a, Need {i} b]\npositions:\n  - issue: {rng.choice(issues)}\n    stance: {rng.choice(['support', 'oppose', 'neutral', 'mixed'])}\n"
             f"communication:\n  - content: Update\n    channel: email\n    frequency: monthly\n")
    body = f"Notes on stakeholder {i}: **important** context, a [link](https://example.org/{i}) and a list:\n\n- one\n- two\n"
    rel_lines = [l for l in rels.rstrip("\n").split("\n")]
    # Drop a relationship to itself (the register rejects it).
    kept = []
    for k in range(0, len(rel_lines), 2):
        if rel_lines[k].strip() != f"- with: {sid}":
            kept += rel_lines[k:k + 2]
    with open(os.path.join(reg, "people", f"{sid}.md"), "w") as f:
        f.write(f"---\n{front}relationships:\n" + "\n".join(kept) + f"\ninteractions:\n{acts}---\n\n{body}")
    with open(os.path.join(site, "content/people", f"{sid}.md"), "w") as f:
        f.write(f"---\ntitle: Stakeholder {i}\n{front}---\n\n{body}")
PY
[ -z "${GENERATE_ONLY:-}" ] || exit 0

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_runs OUT CMD...: RUNS timings of CMD, interleaved by the caller. With FRESH=1 the
# output folder OUT is removed first (untimed), so nothing of a previous build is reused.
time_one() {
  local out=$1 start end
  shift
  [ "${FRESH:-0}" = 1 ] && rm -rf "$out"
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
stake_build() { "$stake" build "$work/register" -o "$work/internal-edition" --format html; }
hugo_build() { hugo --source "$work/hugo" --destination "$work/hugo-public" --quiet; }
stake_check() { "$stake" check "$work/register"; }

# A warm-up of each, so all read a warm page cache.
stake_build >/dev/null 2>&1
hugo_build >/dev/null 2>&1
report() {
  local label=$1 stake_times="" hugo_times="" check_times=""
  for _ in $(seq "$RUNS"); do
    stake_times+="$(time_one "$work/internal-edition" stake_build)"$'\n'
    hugo_times+="$(time_one "$work/hugo-public" hugo_build)"$'\n'
    check_times+="$(time_one /nonexistent stake_check)"$'\n'
  done
  local s h c
  s=$(printf '%s' "$stake_times" | median)
  h=$(printf '%s' "$hugo_times" | median)
  c=$(printf '%s' "$check_times" | median)
  printf '%s (median of %d runs, interleaved)\n' "$label" "$RUNS"
  printf '  stake build: %.3f s   hugo: %.3f s   ratio %.3f (goal: at most 0.2)\n' \
    "$s" "$h" "$(echo "$s / $h" | bc -l)"
  printf '  stake check (read and parse only, no output): %.3f s = %.3f of hugo\n' \
    "$c" "$(echo "$c / $h" | bc -l)"
}
FRESH=0 report "rebuild over the previous output"
FRESH=1 report "fresh build into an empty folder"
printf '%d HTML pages by stake, %d by hugo\n' \
  "$(find "$work/internal-edition" -name '*.html' | wc -l)" "$(find "$work/hugo-public" -name '*.html' | wc -l)"
