#!/usr/bin/env python3
"""Bass fits whose market potential runs away towards the growth limit, and that limit's own fit.

Run from the repository root:

    python3 Tests/Fixtures/scipy/growth_limit.py

Writes growth_limit.csv next to this script: columns case,quantity,value.

As m grows without bound with m*p = A held, the Bass curve m*F(t) tends to the growth curve
N(t) = A*(exp(q*t) - 1)/q (for F small, dF/dt = (p + q*F)(1 - F) is about p + q*F). Per-period values
are N(t) - N(t-1) (Srinivasan & Mason 1986), running totals N(t); period i ends at model time
t = first + i - 1 (`first`: the end of the first observed period, counted from launch). Two series
observed long after launch (in CASES below; monthly data, launch January 1950): fifteen months of
slowly rising sales from January 1963 (first = 157) and eleven months of a running total rising in a
straight line from March 1996 (first = 555).

Three more series have only the limit fitted (LIMIT_ONLY below: a slowly rising run of 120 periods
that jumps 50-fold at its end, 119 zeros and a jump, six periods with a jump), where the best curve is
near a spike at the last observation, and its scale m*p is beyond the doubles or nearly so.

For each case:
- the growth limit's least-squares fit (quantities limit_a, limit_q, limit_rss): least_squares
  (method 'trf', 0 <= q <= 300/t_last, tolerances 1e-15, x_scale 'jac') from a grid of 60 starting q
  (log-spaced, 1e-7 to 150/t_last per period, A from the linear least squares at that q), the best kept;
- the RSS at the point where a Bass fit stopped and reported a minimum at a finite m (START below;
  quantity stop_rss);
- the Bass fit with m held at 1e2, 1e3 and 1e4 times the observed total (profile_rss_1e2, ...):
  least_squares over p and q ('trf', p, q >= 0, tolerances 1e-15) from the limit's point p = A/m,
  q = limit_q: every one is below the RSS where the fit stopped and they fall towards the limit's,
  so the least-squares m runs away.
"""

import os

import numpy as np
import scipy
from scipy.optimize import least_squares, minimize_scalar

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "growth_limit.csv")

CASES = [
    # name, cumulative, first, values, where a Bass fit stopped and reported a minimum (m, p, q)
    ("rising_monthly", False, 157,
     [5544.906, 5565.154, 5563.062, 5567.31, 5582.292, 5573.161, 5594.81, 5600.596, 5605.042, 5610.946,
      5608.463, 5623.057, 5629.66, 5639.657, 5645.419],
     (2388680.924775837, 0.001336519448297078, 0.006643949206705231)),
    ("straight_total", True, 555,
     [35.26768, 35.4303, 35.56805, 35.70502, 35.85501, 36.00967, 36.16512, 36.33111, 36.47821, 36.63243,
      36.78132],
     (36.46232370228856, 7.890029308314778e-85, 0.3527836809657987)),
]


def bass_share(t, p, q):
    e = np.exp(-(p + q) * t)
    return p * (1 - e) / (p + q * e)


def bass_values(x, t, cumulative):
    m, p, q = x
    if cumulative:
        return m * bass_share(t, p, q)
    return m * (bass_share(t, p, q) - bass_share(t - 1, p, q))


def growth(t, a, q):
    return a * np.expm1(q * t) / q if q > 0 else a * t


def growth_values(x, t, cumulative):
    a, q = x
    if cumulative:
        return growth(t, a, q)
    return growth(t, a, q) - growth(t - 1, a, q)


TIGHT = dict(xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000)

# Series whose limit is fitted alone, where its scale is beyond what least_squares over (A, q) can
# hold: the curve over its value at the last observation, the best scale for each q (variable
# projection), scanned on 4,000 log-spaced q from 1e-9/span to 200/last gap and refined by a bounded
# Brent search (minimize_scalar, xatol 1e-14) around the best.
LIMIT_ONLY = [
    # name, cumulative, first, values
    ("late_jump", False, 1, [100 + 0.5 * i for i in range(119)] + [5000.0]),
    ("zeros_then_jump", False, 1, [0.0] * 119 + [1e6]),
    ("short_jump", False, 1, [100.0, 101.0, 102.5, 104.0, 105.0, 4000.0]),
]


def limit_profile(t, y, cumulative):
    last = t[-1]

    def shape(q):
        if q == 0:
            return t / last if cumulative else np.ones_like(t)
        if cumulative:
            return np.exp(q * (t - last)) * np.expm1(-q * t) / np.expm1(-q * last)
        return np.exp(q * (t - last))

    def rss(q):
        g = shape(q)
        c = max(float(g @ y) / float(g @ g), 0.0)
        r = y - c * g
        return float(r @ r)

    span = max(last - t[0], 1.0)
    gap = last - t[-2]
    grid = np.concatenate(([0.0], np.geomspace(1e-9 / span, 200 / gap, 4000)))
    values = [rss(q) for q in grid]
    k = int(np.argmin(values))
    best = (grid[k], values[k])
    if 0 < k < len(grid) - 1:
        r = minimize_scalar(rss, bounds=(grid[k - 1], grid[k + 1]), method="bounded", options={"xatol": 1e-14 * grid[k]})
        if r.fun < best[1]:
            best = (float(r.x), float(r.fun))
    return best


def fit_limit(t, y, cumulative):
    # q is kept to q*t <= 300 (the curve's values to e^300 of its first ones), where it stays finite.
    top = 300 / t[-1]
    best = None
    for q0 in np.geomspace(1e-7, top / 2, 60):
        g = growth_values((1.0, q0), t, cumulative)
        a0 = max(float(g @ y / (g @ g)), 1e-300)
        r = least_squares(lambda x: growth_values(x, t, cumulative) - y, [a0, q0], method="trf",
                          bounds=([0, 0], [np.inf, top]), x_scale="jac", **TIGHT)
        rss = float(r.fun @ r.fun)
        if best is None or rss < best[2]:
            best = (float(r.x[0]), float(r.x[1]), rss)
    return best


def main():
    rows = []
    for name, cumulative, first, values, start in CASES:
        y = np.array(values)
        t = first + np.arange(len(y), dtype=float)
        total = y[-1] if cumulative else y.sum()
        a, q, limit_rss = fit_limit(t, y, cumulative)
        stop = bass_values(start, t, cumulative) - y
        stop_rss = float(stop @ stop)
        rows += [(name, "limit_a", a), (name, "limit_q", q), (name, "limit_rss", limit_rss), (name, "stop_rss", stop_rss)]
        for k in (2, 3, 4):
            m = 10.0**k * total
            r = least_squares(lambda x: bass_values((m, x[0], x[1]), t, cumulative) - y, [a / m, q], method="trf",
                              bounds=([0, 0], [np.inf, np.inf]), x_scale="jac", **TIGHT)
            rss = float(r.fun @ r.fun)
            assert rss < stop_rss, (name, k, rss, stop_rss)
            rows.append((name, f"profile_rss_1e{k}", rss))
        assert rows[-1][2] <= rows[-2][2] <= rows[-3][2] and rows[-1][2] >= limit_rss * (1 - 1e-9), name
    for name, cumulative, first, values in LIMIT_ONLY:
        y = np.array(values)
        t = first + np.arange(len(y), dtype=float)
        q, rss = limit_profile(t, y, cumulative)
        rows += [(name, "limit_q", q), (name, "limit_rss", rss)]
    with open(OUT, "w") as f:
        f.write("# Bass fits running away towards the growth limit, and the limit's fit; generated by scipy, "
                "do not edit by hand.\n")
        f.write(f"# scipy {scipy.__version__}, numpy {np.__version__}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/growth_limit.py\n")
        f.write("case,quantity,value\n")
        for name, quantity, value in rows:
            f.write(f"{name},{quantity},{float(value)!r}\n")


if __name__ == "__main__":
    main()
