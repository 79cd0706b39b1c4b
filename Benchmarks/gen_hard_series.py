#!/usr/bin/env python3
"""Series that are hard on the S-curve fits, per period and as running totals.

    python3 Benchmarks/gen_hard_series.py [--n 400] [--seed 11] [--out hard.csv] [--cumulative-out hard_cum.csv]

Writes `series,t,y` (per period) and `series,t,total` (the same values as running totals): N series of
8 to 400 periods, m ~ U(1e3, 1e6), in ten kinds by series number mod 10: Bass; Richards (ν of 0.1, 0.5,
3 or 10); Gompertz; exponential growth throughout (before any peak); two Bass waves; a launch spike
and a decay; Bass from 40 % of the way in (mid-adoption); a constant per period; Bass with a ±20 %
wiggle on the running total; Richards with ν ~ U(0.05, 20). Multiplicative lognormal noise (sigma
0.02, 0.1 or 0.3 per series), rounded to cents, no value below 0. Fit with
`adopt fit --data hard.csv --x t --y y --series series --model richards`, or
`adopt fit --data hard_cum.csv --x t --y total --cumulative --series series --model richards`.
"""

import argparse
import collections
import csv

import numpy as np

from gen_long_series import bass_cumulative


def richards(t, m, k, t0, nu):
    return m * (1 + nu * np.exp(-k * (t - t0))) ** (-1 / nu)


def gompertz(t, m, k, t0):
    return m * np.exp(-np.exp(-k * (t - t0)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", default="hard.csv")
    ap.add_argument("--cumulative-out", default="hard_cum.csv")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    rows = []
    for s in range(a.n):
        T = int(rng.choice([8, 12, 20, 40, 80, 200, 400]))
        t = np.arange(0, T + 1, dtype=float)
        kind = s % 10
        m = rng.uniform(1e3, 1e6)
        if kind == 0:
            N = m * bass_cumulative(t, rng.uniform(1e-3, 0.05), rng.uniform(0.1, 0.8) * 20 / T)
        elif kind == 1:
            nu = rng.choice([0.1, 0.5, 3, 10])
            N = richards(t, m, rng.uniform(2, 8) / T, rng.uniform(0.2, 0.9) * T, nu)
            N -= N[0]
        elif kind == 2:
            N = gompertz(t, m, rng.uniform(2, 8) / T, rng.uniform(0.2, 0.9) * T)
            N -= N[0]
        elif kind == 3:
            N = m * (np.exp(rng.uniform(0.5, 3) * t / T) - 1)
        elif kind == 4:
            N = m * bass_cumulative(t, 0.02, 0.4 * 20 / T) + 0.6 * m * bass_cumulative(np.clip(t - T / 2, 0, None), 0.02, 0.2 * 20 / T)
        elif kind == 5:
            N = m * (1 - np.exp(-rng.uniform(1, 5) * t / T))
            N[1:] += 0.3 * m
        elif kind == 6:
            N = m * bass_cumulative(t, 0.01, 0.5 * 20 / T)
            N = N[int(T * 0.4):] - N[int(T * 0.4)]
            N = np.concatenate([[0], N[1:]]) if len(N) > 1 else N
        elif kind == 7:
            N = np.cumsum(np.full(T + 1, m / T))
            N -= N[0]
        elif kind == 8:
            N = m * bass_cumulative(t, 0.01, 0.5 * 20 / T)
            N = N * (1 + 0.2 * np.sin(t))
        else:
            N = richards(t, m, rng.uniform(2, 8) / T, rng.uniform(0.3, 0.7) * T, rng.uniform(0.05, 20))
            N -= N[0]
        y = np.diff(N)
        noise = rng.choice([0.02, 0.1, 0.3])
        y = np.maximum(0, np.round(y * np.exp(noise * rng.standard_normal(len(y))), 2))
        if y.sum() <= 0:
            y[-1] = 1
        for i, v in enumerate(y):
            rows.append((f"h{s:03d}", i + 1, v))
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series", "t", "y"])
        w.writerows(rows)
    total = collections.defaultdict(float)
    with open(a.cumulative_out, "w") as f:
        f.write("series,t,total\n")
        for s, i, v in rows:
            total[s] += v
            f.write(f"{s},{i},{total[s]:.2f}\n")


if __name__ == "__main__":
    main()
