#!/usr/bin/env python3
"""Where a whole `adopt` run spends its time, over time: reads `perf script -F tid,time,ip,sym` of a
`perf record -g` run on standard input and prints, for each 50 ms, how many cores were busy and in
which phase (read, hash, fit, csv, write), by the functions on each sample's stack.

    perf record -F 2000 -g -o /tmp/adopt.perf .build/release/adopt fit --data FILE ... --output /tmp/out.csv
    perf script -i /tmp/adopt.perf -F tid,time,ip,sym | python3 Benchmarks/perf_timeline.py --rate 2000
"""
import argparse, collections, re, sys

PHASES = [("readObservations", "read"), ("SeriesScanner", "read"), ("sha256", "hash"), ("FitCSVWriter", "csv"),
          ("AtomicFile", "write"), ("FitStudy", "fit")]

def samples(lines):
    current = None
    for line in lines:
        head = re.match(r"^\s*(\d+)\s+([\d.]+):", line)
        if head:
            if current: yield current
            current = (float(head.group(2)), [])
        elif line.strip() and current:
            current[1].append(line.strip().split(None, 1)[-1])
    if current: yield current

def phase(stack):
    text = " ".join(stack)
    return next((name for key, name in PHASES if key in text), "other")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=2000, help="perf's sampling rate (-F)")
    parser.add_argument("--bucket", type=float, default=0.05, help="seconds per line")
    args = parser.parse_args()
    taken = list(samples(sys.stdin))
    start = min(t for t, _ in taken)
    buckets = collections.defaultdict(collections.Counter)
    for t, stack in taken:
        buckets[int((t - start) / args.bucket)][phase(stack)] += 1
    print(f"{len(taken)} samples over {max(t for t, _ in taken) - start:.3f} s")
    for b in sorted(buckets):
        counts = buckets[b]
        cores = sum(counts.values()) / (args.bucket * args.rate)
        print(f"{b * args.bucket:5.2f} s  {cores:4.2f} cores  " + " ".join(f"{k} {v}" for k, v in counts.most_common()))

if __name__ == "__main__":
    main()
