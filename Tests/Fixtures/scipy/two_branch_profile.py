#!/usr/bin/env python3
"""Outside references for profiles with two branches (`adopt fit --profile`).

1. Bass on the first six years of room air conditioners (per-period, t = 1..6, adopt fit --holdout 7).

Below some p the fit with a small market potential m leaves the 95 % region, while m at the cap
(10^4 x the observed total, adopt's runaway limit) with a tiny p stays inside: the lower end of p's
profile is where that capped branch crosses S + s^2 t^2. This script finds it directly: with m held
at the cap, q is refitted (scipy minimize_scalar on log q, then least_squares) for each p, and the
crossing is found by brentq on log p. It also records the best RSS with m free below the cap at that
p, from a start on the small-m branch, which must lie above the threshold (the branch adopt used to
follow).

2. Bass on the iPhone's first 18 quarters (per-period, t = 1..18, adopt fit --holdout 5). Below
p = 0.0019 a second branch appears (m near 1,000, q near 0.16); refits from the estimates at
p = 0.00125 land on it, and it crosses the threshold near p = 0.00128, while the branch the fit lies
on (m near 230, q near 0.33) is still inside there. This script computes the profile of p with no
branch to follow: m enters the model linearly, so for each p and q its least-squares value is
<g, y>/<g, g> (held within [0, cap]), and q is minimized over a grid of 4,000 log-spaced values from
1e-3 to 20, refined by minimize_scalar; brentq finds the crossing on log p.

Writes two_branch_profile.csv next to this script.

Run from the repository root:

    python3 Tests/Fixtures/scipy/two_branch_profile.py
"""

import csv
import os
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.optimize import brentq, least_squares, minimize_scalar

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SERIES = os.path.join(ROOT, "Data", "series", "room_air_conditioners_1949_1961.csv")
IPHONE = os.path.join(ROOT, "Data", "series", "apple_iphone_quarterly_sales_rossi.csv")
OUT = os.path.join(HERE, "two_branch_profile.csv")


def read_series(path=SERIES):
    with open(path) as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    return np.array([float(r["value"]) for r in rows])


def F(t, p, q):
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + q / p * e)


def per_period(t, m, p, q):
    return m * (F(t, p, q) - F(t - 1, p, q))


def iphone_case():
    """The iPhone's first 18 quarters: p's lower end from the profile with m eliminated (see above)."""
    y = read_series(IPHONE)[:18]
    t = np.arange(1.0, 19.0)
    cap = 1e4 * y.sum()
    fit = least_squares(lambda th: per_period(t, *th) - y, [314.0, 0.0025, 0.245], method="lm", xtol=1e-15,
                        ftol=1e-15, gtol=1e-15, max_nfev=100000)
    rss = float(fit.fun @ fit.fun)
    n, k = len(y), 3
    s2 = rss / (n - k)
    tq = stats.t.ppf(0.975, n - k)
    threshold = rss + s2 * tq * tq

    def s_of(p, q):
        g = F(t, p, q) - F(t - 1, p, q)
        m = min(max(float(g @ y) / float(g @ g), 0.0), cap)
        r = m * g - y
        return float(r @ r)

    grid = np.exp(np.linspace(np.log(1e-3), np.log(20.0), 4000))

    def profile(p):
        values = [s_of(p, q) for q in grid]
        i = int(np.argmin(values))
        lo, hi = np.log(grid[max(i - 1, 0)]), np.log(grid[min(i + 1, len(grid) - 1)])
        best = minimize_scalar(lambda z: s_of(p, np.exp(z)), bounds=(lo, hi), method="bounded",
                               options={"xatol": 1e-14})
        return min(float(best.fun), values[i])

    lo, hi = np.log(0.00115), np.log(0.00125)
    assert profile(np.exp(lo)) > threshold > profile(np.exp(hi))
    root = brentq(lambda z: profile(np.exp(z)) - threshold, lo, hi, xtol=1e-14, rtol=1e-14, maxiter=500)
    p_end = float(np.exp(root))
    print(f"iPhone 18 quarters: fit {fit.x}, RSS {rss:.10g}, threshold {threshold:.10g}; p lower end {p_end:.12g}")
    return [("iphone18_rss", rss), ("iphone18_threshold", threshold), ("iphone18_p_low", p_end)]


def main():
    y = read_series()[:6]
    t = np.arange(1.0, 7.0)
    total = y.sum()
    cap = 1e4 * total

    def residuals(theta):
        return per_period(t, *theta) - y

    # The fit: from adopt's own estimates' neighbourhood, tightly.
    fit = least_squares(residuals, [4754.0, 0.003, 1.07], method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15,
                        max_nfev=100000)
    rss = float(fit.fun @ fit.fun)
    n, k = len(y), 3
    s2 = rss / (n - k)
    tq = stats.t.ppf(0.975, n - k)
    threshold = rss + s2 * tq * tq

    def capped_rss(p):
        """RSS with m at the cap and p held, q refitted (from a grid, then least squares)."""
        grid = np.exp(np.linspace(np.log(1e-3), np.log(20.0), 400))
        values = [float(np.sum((per_period(t, cap, p, q) - y) ** 2)) for q in grid]
        q0 = grid[int(np.argmin(values))]
        res = least_squares(lambda z: per_period(t, cap, p, np.exp(z[0])) - y, [np.log(q0)], method="lm",
                            xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000)
        return float(res.fun @ res.fun), float(np.exp(res.x[0]))

    # On the capped branch the RSS falls as p grows from 1e-10 to about 1e-6, then rises (where the
    # small-m branch is the lower): the crossing is bracketed by 1e-7 (outside) and 1e-6 (inside).
    lo, hi = np.log(1e-7), np.log(1e-6)
    assert capped_rss(np.exp(lo))[0] > threshold > capped_rss(np.exp(hi))[0]
    root = brentq(lambda z: capped_rss(np.exp(z))[0] - threshold, lo, hi, xtol=1e-14, rtol=1e-14, maxiter=500)
    p_end = float(np.exp(root))
    _, q_end = capped_rss(p_end)

    # The small-m branch at that p: m and q refitted within m <= cap from the fit's m and q.
    small = least_squares(lambda z: per_period(t, z[0], p_end, z[1]) - y, [fit.x[0], fit.x[2]],
                          bounds=([0, 0], [cap, np.inf]), method="trf", xtol=1e-15, ftol=1e-15, gtol=1e-15,
                          max_nfev=100000)
    small_rss = float(small.fun @ small.fun)
    print(f"fit {fit.x}, RSS {rss:.10g}, threshold {threshold:.10g}, cap {cap:.10g}")
    print(f"p lower end on the capped branch: {p_end:.12g} (q {q_end:.8g}); small-m branch there: RSS {small_rss:.10g}, "
          f"m {small.x[0]:.6g}")
    with open(OUT, "w", newline="") as f:
        f.write("# Reference for adopt fit --profile on a profile with two branches; generated by scipy, do not edit by hand.\n")
        f.write(f"# scipy {scipy.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/two_branch_profile.py\n")
        f.write("# Bass, room air conditioners 1949-1954 (per-period, adopt fit --holdout 7): p's lower end at level 0.95,"
                " where the branch with m at 10^4 x the observed total crosses S + s^2 t^2; small_branch_rss is the"
                " RSS there on the small-m branch (above the threshold); iphone18_*: Bass, the iPhone's first 18"
                " quarters (adopt fit --holdout 5), p's lower end at level 0.95 from the profile with m eliminated"
                " and q minimized over a grid then refined (no branch followed)\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "value"])
        for name, value in [("rss", rss), ("threshold", threshold), ("cap", cap), ("p_low", p_end), ("q_at_p_low", q_end),
                            ("small_branch_rss", small_rss)] + iphone_case():
            w.writerow([name, repr(float(value))])
    print(f"wrote {os.path.relpath(OUT, os.getcwd())}")


if __name__ == "__main__":
    main()
