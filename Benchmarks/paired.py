#!/usr/bin/env python3
"""Paired whole-process timing of two `adopt` binaries on the same `adopt fit` run.

    python3 Benchmarks/paired.py OLD NEW [--pairs 8] [--data series.csv] [-- FIT ARGUMENTS ...]

Runs OLD and NEW once each as a warm-up, then `--pairs` times each, alternating which goes first,
and prints the median and range of the per-pair ratios NEW/OLD of wall time and of CPU time (user +
system of the child). Both write to their own output file in a temporary folder; the script also
checks that the two outputs are byte-identical (but for the comment naming the output file) and says so. The default run is the Bass fit of
`compare.sh` (`--x year --y adopters --series series_id --model bass --format csv`), on a file made
by `peers/gen_series.py`.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--pairs", type=int, default=8)
    ap.add_argument("--data", default="Benchmarks/.work/compare-100000/series.csv")
    argv = sys.argv[1:]
    rest = argv.index("--") if "--" in argv else len(argv)
    a = ap.parse_args(argv[:rest])
    # The arguments of adopt fit after --data, given after --.
    fit = argv[rest + 1:] or ["--x", "year", "--y", "adopters", "--series", "series_id",
                              "--model", "bass", "--format", "csv"]
    work = tempfile.mkdtemp(prefix="paired-")
    outputs = {}

    def run(binary, tag):
        out = os.path.join(work, tag + ".out")
        outputs[tag] = out
        cmd = [binary, "fit", "--data", a.data, *fit, "--output", out]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    run(a.old, "old")
    run(a.new, "new")
    wall = {"old": [], "new": []}
    cpu = {"old": [], "new": []}
    for i in range(a.pairs):
        for tag in (("old", "new") if i % 2 == 0 else ("new", "old")):
            w, c = run(a.old if tag == "old" else a.new, tag)
            wall[tag].append(w)
            cpu[tag].append(c)

    def line(name, t):
        r = [n / o for n, o in zip(t["new"], t["old"])]
        return (f"{name}: old median {statistics.median(t['old']):.3f} s, new median {statistics.median(t['new']):.3f} s; "
                f"new/old per pair: median {statistics.median(r):.3f}, range {min(r):.3f}–{max(r):.3f}")

    print(f"paired runs: {a.pairs} per binary, alternating first; adopt fit --data {a.data} {' '.join(fit)}")
    print(line("wall time", wall))
    print(line("CPU time (user + system)", cpu))
    # The outputs' provenance comment names the output file, which differs: compared without it.
    def body(path):
        with open(path, "rb") as f:
            return [line for line in f if not line.startswith(b"# made by:")]
    same = body(outputs["old"]) == body(outputs["new"])
    print("outputs byte-identical" if same else "outputs DIFFER")
    return 0


if __name__ == "__main__":
    sys.exit(main())
