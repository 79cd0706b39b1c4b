#!/usr/bin/env python3
"""Long per-period series (days) for timing the S-curve fits on long data.

    python3 Benchmarks/gen_long_series.py [--n 40] [--seed 7] [--out long.csv]

Writes `series,day,sales`: N series of 300 to 4,000 days of Bass-shaped daily sales (p ~ U(1e-4, 5e-3),
q ~ U(5e-3, 5e-2), m ~ U(1e4, 1e6)) with multiplicative lognormal noise (sigma 0.15), rounded to whole
sales, in five kinds by series number mod 5: plain; a weekly season (±30 %); a launch-day spike of 5 %
of m; a second, slower wave of half the size starting half-way; the series from the day 20 % of its sales
are reached (mid-adoption). Fit with
`adopt fit --data long.csv --x day --y sales --series series --model richards`.
"""

import argparse
import csv

import numpy as np


def bass_cumulative(t, p, q):
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + q / p * e)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="long.csv")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    rows = []
    for s in range(a.n):
        days = int(rng.integers(300, 4000))
        t = np.arange(0, days + 1)
        p, q, m = rng.uniform(1e-4, 5e-3), rng.uniform(5e-3, 5e-2), rng.uniform(1e4, 1e6)
        y = m * np.diff(bass_cumulative(t, p, q))
        kind = s % 5
        if kind == 1:
            y = y * (1 + 0.3 * np.sin(2 * np.pi * np.arange(days) / 7))
        if kind == 2:
            y[0] += m * 0.05
        if kind == 3:
            second = bass_cumulative(np.clip(t - days // 2, 0, None), p, q * 0.5)
            y = y + 0.5 * m * np.diff(second)
        if kind == 4:
            y = y[int(np.searchsorted(np.cumsum(y) / y.sum(), 0.2)):]
        y = np.maximum(0, np.round(y * np.exp(0.15 * rng.standard_normal(len(y)))))
        rows.extend((f"s{s:03d}", i + 1, int(v)) for i, v in enumerate(y))
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series", "day", "sales"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
