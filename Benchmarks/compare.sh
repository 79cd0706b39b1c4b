#!/usr/bin/env bash
# Whole-process comparison of `adopt fit --model bass` with scipy curve_fit (LM) on the
# synthetic Bass series of peers/gen_series.py, plus agreement of the two sets of estimates.
#
# Usage (from anywhere):  Benchmarks/compare.sh [--big] [--n N] [--runs R] [--seed S] [--no-one-core] [--no-build]
#   --n N         number of series (default 1000)
#   --big         also run 100,000 series (after N)
#   --runs R      timed rounds, each running every command once (default 10; 3 for 100,000 series or more)
#   --seed S      generator seed (default: gen_series.py's own default)
#   --no-one-core skip the extra timing of `adopt` pinned to one core (taskset -c 0)
#   --no-build    use the existing .build/release/adopt instead of building it
#
# For each size it starts from a clean Benchmarks/.work/compare-<n>/, generates the data,
# builds `adopt` in release, times the whole processes in rounds (each command once per round,
# in reverse order every other round) with hyperfine (installed with apt-get if missing; else
# date +%s.%N around each run), compares the estimates
# with peers/compare_est.py and writes Benchmarks/results/compare-<n>.md.
# Needs: swift, python3 with numpy and scipy. COMPARE_NO_HYPERFINE=1 times without hyperfine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

sizes=()
big=0
runs=""
seed=""
one_core=1
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --n) sizes+=("$2"); shift 2 ;;
    --big) big=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --no-one-core) one_core=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
  esac
done
[ ${#sizes[@]} -eq 0 ] && sizes=(1000)
[ "$big" -eq 1 ] && sizes+=(100000)

say() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
python3 -c 'import numpy, scipy' 2>/dev/null || {
  echo "compare.sh: python3 with numpy and scipy is needed (python3 -m pip install numpy scipy)" >&2; exit 69; }

if [ -z "${COMPARE_NO_HYPERFINE:-}" ] && ! command -v hyperfine >/dev/null 2>&1; then
  say "hyperfine missing: installing it with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq hyperfine >/dev/null 2>&1; }; } ||
    echo "compare.sh: could not install hyperfine; timing with date +%s.%N instead" >&2
fi
have_hyperfine=0; command -v hyperfine >/dev/null 2>&1 && [ -z "${COMPARE_NO_HYPERFINE:-}" ] && have_hyperfine=1
have_taskset=0; command -v taskset >/dev/null 2>&1 && [ "$one_core" -eq 1 ] && have_taskset=1

if [ "$build" -eq 1 ]; then
  say "building adopt (release)"
  swift build -c release --product adopt --static-swift-stdlib >&2
fi
adopt_bin=.build/release/adopt
[ -x "$adopt_bin" ] || { echo "compare.sh: $adopt_bin was not built" >&2; exit 70; }

mkdir -p Benchmarks/results

# Times each "name|command" given after the first two arguments, in rounds: every round runs each
# command once, in turn, so that the machine's drift falls on all of them alike. Writes every run's
# time to "$out.runs" (round,name,seconds) and name,median_s,mean_s,min_s,max_s,runs to "$out".
time_commands() {
  local out="$1" nruns="$2"; shift 2
  local spec name cmd i round seconds
  for ((i = 0; i < warmup; i++)); do
    for spec in "$@"; do ${spec#*|} >/dev/null 2>&1; done
  done
  echo "round,name,seconds" > "$out.runs"
  local specs=("$@") order start
  for ((round = 1; round <= nruns; round++)); do
    # Every other round runs the commands in reverse, so that no command always follows the same one.
    order=("${specs[@]}")
    if (( round % 2 == 0 )); then order=(); for ((i = ${#specs[@]} - 1; i >= 0; i--)); do order+=("${specs[$i]}"); done; fi
    for spec in "${order[@]}"; do
      name="${spec%%|*}"; cmd="${spec#*|}"
      if [ "$have_hyperfine" -eq 1 ]; then
        hyperfine -N --style none --runs 1 --export-json "$out.one.json" "$cmd" >/dev/null
        seconds=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["times"][0])' "$out.one.json")
      else
        start=$(date +%s.%N)
        $cmd >/dev/null 2>&1
        seconds=$(awk -v end="$(date +%s.%N)" -v start="$start" 'BEGIN { printf "%.6f", end - start }')
      fi
      echo "$round,$name,$seconds" >> "$out.runs"
      printf '  round %d/%d  %-12s %8.3f s\n' "$round" "$nruns" "$name" "$seconds" >&2
    done
  done
  rm -f "$out.one.json"
  python3 - "$out.runs" > "$out" <<'PY'
import csv, statistics, sys
times = {}
for r in csv.DictReader(open(sys.argv[1])):
    times.setdefault(r["name"], []).append(float(r["seconds"]))
print("name,median_s,mean_s,min_s,max_s,runs")
for name, t in times.items():
    print(f"{name},{statistics.median(t):.4f},{statistics.mean(t):.4f},{min(t):.4f},{max(t):.4f},{len(t)}")
PY
}

for n in "${sizes[@]}"; do
  work="Benchmarks/.work/compare-$n"
  report="Benchmarks/results/compare-$n.md"
  if [ -n "$runs" ]; then nruns="$runs"; elif [ "$n" -ge 100000 ]; then nruns=3; else nruns=10; fi
  if [ "$n" -ge 100000 ]; then warmup=0; else warmup=2; fi

  say "$n series: clean $work and generate the data"
  rm -rf "$work"; mkdir -p "$work/truth" "$work/est" "$work/timing"
  gen=(python3 Benchmarks/peers/gen_series.py --n "$n" --out "$work/series.csv" --truth "$work/truth/truth.csv")
  [ -n "$seed" ] && gen+=(--seed "$seed")
  "${gen[@]}" >&2
  # truth.csv lives apart from series.csv so that the timed fit_scipy.py does not pick it up.

  ours_cmd="$adopt_bin fit --data $work/series.csv --x year --y adopters --series series_id --model bass --format csv --output $work/timing/ours.csv"
  peer_cmd="python3 Benchmarks/peers/fit_scipy.py $work/series.csv --methods curve_fit_lm --json"

  say "$n series: agreement runs (untimed, with peak memory)"
  /usr/bin/time -f %M -o "$work/ours.rss" $adopt_bin fit --data "$work/series.csv" --x year --y adopters \
    --series series_id --model bass --format csv --output "$work/ours.csv"
  /usr/bin/time -f %M -o "$work/scipy.rss" python3 Benchmarks/peers/fit_scipy.py "$work/series.csv" \
    --methods curve_fit_lm --truth "$work/truth/truth.csv" --est-out "$work/est" --json > "$work/scipy.json"

  # adopt's tidy CSV (one row per series × parameter) → compare_est.py's series_id,p,q,m,converged.
  python3 - "$work/ours.csv" "$work/est/est_ours.csv" "$work/ours_status.csv" <<'PY'
import csv, sys
fits = {}
with open(sys.argv[1], newline="") as f:
    rows = csv.DictReader(line for line in f if not line.startswith("#"))
    for r in rows:
        e = fits.setdefault(r["series"], {"status": r["status"]})
        e[r["parameter"]] = r["estimate"]
with open(sys.argv[2], "w") as f:
    f.write("series_id,p,q,m,converged\n")
    for sid, e in fits.items():
        f.write(f'{sid},{e.get("p", "nan")},{e.get("q", "nan")},{e.get("m", "nan")},{int(e["status"] == "converged")}\n')
with open(sys.argv[3], "w") as f:
    f.write("series_id,status\n")
    for sid, e in fits.items():
        f.write(f'{sid},{e["status"]}\n')
PY
  python3 Benchmarks/peers/compare_est.py "$work/est/est_ours.csv" "$work/est/est_curve_fit_lm.csv" \
    --truth "$work/truth/truth.csv" > "$work/compare_est.txt"
  cat "$work/compare_est.txt" >&2
  # The accuracy reference: scipy's MINPACK with tolerances far below curve_fit's defaults.
  tight_start=$(date +%s.%N)
  python3 Benchmarks/peers/fit_scipy_tight.py "$work/series.csv" "$work/est/est_scipy_tight.csv"
  awk -v end="$(date +%s.%N)" -v start="$tight_start" 'BEGIN { print end - start }' > "$work/tight_seconds.txt"
  python3 Benchmarks/peers/compare_est.py "$work/est/est_ours.csv" "$work/est/est_scipy_tight.csv" \
    > "$work/compare_tight.txt"
  cat "$work/compare_tight.txt" >&2

  say "$n series: whole-process timing ($nruns rounds, warm-up $warmup)"
  specs=("adopt|$ours_cmd" "scipy|$peer_cmd")
  [ "$have_taskset" -eq 1 ] && specs+=("adopt-1core|taskset -c 0 $ours_cmd")
  time_commands "$work/timing.csv" "$nruns" "${specs[@]}"
  rounds="one run per command per round, reversed every other round; warm-up $warmup, $nruns rounds"
  if [ "$have_hyperfine" -eq 1 ]; then
    timer="hyperfine $(hyperfine --version | awk '{print $2}') (-N, $rounds)"
  else
    timer="date +%s.%N around each run ($rounds)"
  fi

  python3 - "$n" "$work" "$report" "$timer" "$ours_cmd" "$peer_cmd" "$have_taskset" <<'PY'
import csv, json, os, platform, re, statistics, subprocess, sys
n, work, report, timer, ours_cmd, peer_cmd, one_core = sys.argv[1:]
n = int(n)

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return ""

t = {r["name"]: r for r in csv.DictReader(open(os.path.join(work, "timing.csv")))}
med = {k: float(v["median_s"]) for k, v in t.items()}
# Ratios within each round (the commands ran one after the other), robust to drift between rounds.
rounds = {}
for r in csv.DictReader(open(os.path.join(work, "timing.csv.runs"))):
    rounds.setdefault(int(r["round"]), {})[r["name"]] = float(r["seconds"])
def paired(peer, ours):
    rs = sorted(x[peer] / x[ours] for x in rounds.values() if peer in x and ours in x)
    return f"{statistics.median(rs):.2f}× (rounds {rs[0]:.2f}–{rs[-1]:.2f}×)"
sc = json.loads(open(os.path.join(work, "scipy.json")).readline())
status = [r["status"] for r in csv.DictReader(open(os.path.join(work, "ours_status.csv")))]
counts = {}
for s in status:
    counts[s] = counts.get(s, 0) + 1
peer = list(csv.DictReader(open(os.path.join(work, "est", "est_curve_fit_lm.csv"))))
peer_bad = [r["series_id"] for r in peer if r["converged"] != "1"]
ours_bad = {}
for r in csv.DictReader(open(os.path.join(work, "ours_status.csv"))):
    if r["status"] != "converged":
        ours_bad.setdefault(r["status"], []).append(r["series_id"])
def largest_difference(text):
    """The largest 'max' relative difference over p, q and m in compare_est.py's output."""
    found = re.findall(r"max ([0-9.eE+-]+|nan)", text)
    return max(float(x) for x in found) if found else float("nan")

cmp_txt = open(os.path.join(work, "compare_est.txt")).read()
maxrel = largest_difference(cmp_txt)
tight_txt = open(os.path.join(work, "compare_tight.txt")).read()
maxrel_tight = largest_difference(tight_txt)
tight = list(csv.DictReader(open(os.path.join(work, "est", "est_scipy_tight.csv"))))
tight_bad = [r["series_id"] for r in tight if r["converged"] != "1"]
rss = lambda f: float(open(os.path.join(work, f)).read().split()[-1]) / 1024

import numpy, scipy
np_version, sc_version = numpy.__version__, scipy.__version__
def differ_table():
    """Series that one side reports as converged and the other does not, with both estimates."""
    ours = {r["series_id"]: r for r in csv.DictReader(open(os.path.join(work, "est", "est_ours.csv")))}
    st = {r["series_id"]: r["status"] for r in csv.DictReader(open(os.path.join(work, "ours_status.csv")))}
    pe = {r["series_id"]: r for r in peer}
    tr = {r["series_id"]: r for r in csv.DictReader(open(os.path.join(work, "truth", "truth.csv")))}
    ids = [i for i in ours if i in pe and (ours[i]["converged"] == "1") != (pe[i]["converged"] == "1")]
    if not ids:
        return ["- every series is converged on both sides or on neither", ""]
    g = lambda x: f"{float(x):.4g}"
    out = [f"Series that only one side reports as converged ({len(ids)}; first 20):", "",
           "| series | T | adopt status | adopt p, q, m | scipy converged | scipy p, q, m | true p, q, m |",
           "|---|---:|---|---|---|---|---|"]
    for i in ids[:20]:
        o, q, t_ = ours[i], pe[i], tr.get(i, {})
        out.append(f"| {i} | {t_.get('T', '')} | {st[i]} | {g(o['p'])}, {g(o['q'])}, {g(o['m'])} | "
                   f"{'yes' if q['converged'] == '1' else 'no'} | {g(q['p'])}, {g(q['q'])}, {g(q['m'])} | "
                   f"{g(t_['p'])}, {g(t_['q'])}, {g(t_['m'])} |" if t_ else "")
    return out + [""]

def worst_table(k=5):
    """The largest disagreements among series both sides converge on, with each side's residual sum of squares."""
    import numpy as np
    sys.path.insert(0, os.path.join(os.getcwd(), "Benchmarks", "peers"))
    from fit_scipy import bass_incr, read_series
    ours = {r["series_id"]: r for r in csv.DictReader(open(os.path.join(work, "est", "est_ours.csv")))}
    pe = {r["series_id"]: r for r in peer}
    rows = []
    for i, o in ours.items():
        if o["converged"] == "1" and i in pe and pe[i]["converged"] == "1":
            a = np.array([float(o[c]) for c in "pqm"])
            b = np.array([float(pe[i][c]) for c in "pqm"])
            rows.append((float(np.max(np.abs(a - b) / np.abs(b))), i, a, b))
    if not rows:
        return []
    rows.sort(key=lambda r: -r[0])
    data = {str(s): (t, y) for s, t, y in read_series(os.path.join(work, "series.csv"))}
    def rss_pair(i, a, b):
        t, y = data[i]
        return tuple(float(np.sum((bass_incr(t, *x) - y) ** 2)) for x in (a, b))
    above = [r for r in rows if r[0] > 1e-5]
    higher = sum(ra > rb for ra, rb in (rss_pair(i, a, b) for _, i, a, b in above))
    out = [f"- of the {len(above)} series both converge on that differ by more than 1e-5 in some parameter, "
           f"adopt's RSS is the higher one on {higher}", ""]
    out += [f"Largest disagreements on series both converge on ({sum(r[0] > 1e-4 for r in rows)} of {len(rows)} "
           f"differ by more than 1e-4 in some parameter), with each side's residual sum of squares (RSS):", "",
           "| series | T | max rel diff | adopt p, q, m | scipy p, q, m | RSS adopt / RSS scipy − 1 |",
           "|---|---:|---:|---|---|---:|"]
    for d, i, a, b in rows[:k]:
        t, y = data[i]
        ra, rb = rss_pair(i, a, b)
        out.append(f"| {i} | {len(t)} | {d:.2e} | {a[0]:.5g}, {a[1]:.5g}, {a[2]:.6g} | {b[0]:.5g}, {b[1]:.5g}, {b[2]:.6g} "
                   f"| {ra / rb - 1:.1e} |")
    return out + [""]

cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
ratio = med["scipy"] / med["adopt"]
lines = [
    f"# adopt vs scipy curve_fit: Bass fits of {n:,} synthetic series",
    "",
    f"Generated by `Benchmarks/compare.sh` on {sh('date -u +%Y-%m-%dT%H:%MZ')}; commit {sh('git rev-parse --short HEAD')}"
    + (" (work tree with uncommitted changes)" if sh("git status --porcelain -- Sources Package.swift") else "") + ".",
    "",
    "## Machine",
    "",
    f"- CPU: {cpu}; nproc {sh('nproc')}; memory {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
    f"{platform.system()} {platform.release()}",
    f"- load average (1, 5, 15 min) at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}",
    f"- {sh('swift --version 2>&1 | head -1')}",
    f"- Python {platform.python_version()}, numpy {np_version}, scipy {sc_version}",
    f"- timer: {timer}",
    "",
    "## Commands (from the repository root)",
    "",
    "```",
    "python3 Benchmarks/peers/gen_series.py --n %d --out %s/series.csv --truth %s/truth/truth.csv" % (n, work, work),
    "swift build -c release --product adopt --static-swift-stdlib",
    f"# (a) ours: parallel over series (Dispatch, {sh('nproc')} cores)",
    ours_cmd,
    "# (b) peer: scipy.optimize.curve_fit(method='lm'), one thread",
    peer_cmd,
] + ([f"# (c) ours pinned to one core", f"taskset -c 0 {ours_cmd}"] if one_core == "1" else []) + [
    "```",
    "",
    "## Speed (whole processes, seconds)",
    "",
    "| command | median | mean | min | max | runs | fits/s (n / median) |",
    "|---|---:|---:|---:|---:|---:|---:|",
]
for k, label in (("adopt", "(a) adopt fit"), ("scipy", "(b) fit_scipy.py curve_fit_lm"), ("adopt-1core", "(c) adopt fit, one core")):
    if k in t:
        r = t[k]
        lines.append(f"| {label} | {float(r['median_s']):.3f} | {float(r['mean_s']):.3f} | {float(r['min_s']):.3f} "
                     f"| {float(r['max_s']):.3f} | {r['runs']} | {n / med[k]:,.0f} |")
lines += [
    "",
    f"- **ratio peer / ours, round by round (whole process): median {paired('scipy', 'adopt')}**"
    + (f"; against ours on one core: median {paired('scipy', 'adopt-1core')}" if "adopt-1core" in med else ""),
    f"- ratio of the median times: {ratio:.2f}×"
    + (f"; against ours on one core: {med['scipy'] / med['adopt-1core']:.2f}×" if "adopt-1core" in med else ""),
    f"- scipy inside its fitting loop (its own timer, excluding start-up and reading): {sc['fits_per_s']:,.0f} fits/s "
    f"({sc['fit_s']:.3f} s); its start-up: scipy import {sc['scipy_import_s']:.3f} s, CSV read {sc['read_s']:.3f} s",
    f"- peak resident memory (one untimed run each): adopt {rss('ours.rss'):.0f} MB, fit_scipy.py {rss('scipy.rss'):.0f} MB",
    "",
    "## Agreement",
    "",
    f"- max relative difference of p, q, m between adopt and scipy curve_fit (default tolerances) on the series both converge on: **{maxrel:.2e}**",
    f"- max relative difference against scipy's MINPACK with tight tolerances (`peers/fit_scipy_tight.py`: "
    f"least_squares method='lm', ftol = xtol = gtol = 1e-15, analytic Jacobian), the accuracy reference: **{maxrel_tight:.2e}**"
    + (f"; that reference does not converge on {len(tight_bad)} series" if tight_bad else "")
    + f" (it took {float(open(os.path.join(work, 'tight_seconds.txt')).read()):.0f} s, untimed otherwise)",
    "- adopt status counts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])),
    f"- adopt not converged or not identified: {len(status) - counts.get('converged', 0)}"
    + "".join(f"; {k}: series {', '.join(v[:20])}{' …' if len(v) > 20 else ''}" for k, v in ours_bad.items()),
    f"- scipy curve_fit not converged (ier ∉ 1..4, or a parameter not finite and > 0): {len(peer_bad)}"
    + (f"; series {', '.join(peer_bad[:20])}{' …' if len(peer_bad) > 20 else ''}" if peer_bad else ""),
    "",
] + differ_table() + worst_table() + [
    "`peers/compare_est.py` output (A = adopt, converged = status `converged`; B = scipy curve_fit):",
    "",
    "```",
    cmp_txt.rstrip(),
    "```",
    "",
    "Against the tight-tolerance reference (B = `fit_scipy_tight.py`):",
    "",
    "```",
    tight_txt.rstrip(),
    "```",
    "",
]
open(report, "w").write("\n".join(lines))
print("\n".join(lines))
PY
  say "wrote $report"
done
