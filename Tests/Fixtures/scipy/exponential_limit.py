#!/usr/bin/env python3
"""Logistic and Gompertz fits whose market potential runs away towards exponential growth.

Run from the repository root:

    python3 Tests/Fixtures/scipy/exponential_limit.py

Writes exponential_limit.csv next to this script: columns case,quantity,value.

As m grows with the data held, the logistic m/(1 + exp(-k(t - t0))) and the Gompertz
m*exp(-exp(-k(t - t0))) are in their early tails over the data and tend to exponential growth A*exp(c*t)
(c >= 0; with k -> 0 and m*k held, a constant). Per-period values are N(t) - N(t-1), running totals N(t);
period i ends at model time t = i. Three series (CASES below): eight periods of 5 adopters; twelve
periods of about 5 with noise from numpy.random.default_rng(5) (the values in the script); running totals
10, 20, ..., 80, which exponential growth does not fit as well as an S-curve does.

For each case:
- the limit's fit (limit_rss, limit_rate): variable projection (A >= 0 by linear least squares at each
  c) over 400 log-spaced c from 1e-9 to 50 and c = 0, then minimize_scalar (bounded, xatol 1e-14 of c)
  between the best grid point's neighbours;
- for each curve the least-squares fit with m held at 10^2, 10^4 and 10^6 times the largest value
  (<model>_rss_m_1e2, ...): least_squares over k and t0 ('trf', tolerances 1e-15, x_scale 'jac') from
  starts in the curve's early tail, the best kept (it falls towards the limit's as m grows);
- the best free fit (<model>_best_rss): least_squares over m, k and t0 from a grid of 40 starts.
"""

import os

import numpy as np
import scipy
from scipy.optimize import least_squares, minimize_scalar

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "exponential_limit.csv")

FLAT_NOISY = [round(5.0 + e, 3) for e in np.random.default_rng(5).normal(0.0, 0.4, 12)]

CASES = [
    ("constant_periods", False, [5, 5, 5, 5, 5, 5, 5, 5]),
    ("flat_noisy_periods", False, FLAT_NOISY),
    ("straight_total", True, [10, 20, 30, 40, 50, 60, 70, 80]),
]


def logistic(t, m, k, t0):
    return m / (1 + np.exp(-k * (t - t0)))


def gompertz(t, m, k, t0):
    return m * np.exp(-np.exp(-k * (t - t0)))


def observed(cumulative, curve, t, *theta):
    return curve(t, *theta) if cumulative else curve(t, *theta) - curve(t - 1, *theta)


def growth_shape(cumulative, t, c):
    last = t[-1]
    if c == 0:
        return np.ones_like(t)
    h = np.exp(c * (t - last))
    return h if cumulative else h * -np.expm1(-c)


def projected(y, h):
    hh = h @ h
    a = max(0.0, (h @ y) / hh) if hh > 0 else 0.0
    r = y - a * h
    return float(r @ r)


def limit_fit(cumulative, t, y):
    grid = np.concatenate([[0.0], np.geomspace(1e-9, 50.0, 400)])
    values = [projected(y, growth_shape(cumulative, t, c)) for c in grid]
    i = int(np.argmin(values))
    best = (values[i], grid[i])
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    if hi > lo:
        r = minimize_scalar(lambda c: projected(y, growth_shape(cumulative, t, c)), bounds=(lo, hi), method="bounded",
                            options={"xatol": 1e-14 * hi})
        if r.fun < best[0]:
            best = (float(r.fun), float(r.x))
    return best


def main():
    rows = []
    for name, cumulative, values in CASES:
        y = np.array(values, dtype=float)
        t = np.arange(1, len(y) + 1, dtype=float)
        rss, rate = limit_fit(cumulative, t, y)
        rows += [(name, "limit_rss", rss), (name, "limit_rate", rate)]
        for model, curve in (("logistic", logistic), ("gompertz", gompertz)):
            for factor in (1e2, 1e4, 1e6):
                m = factor * y.max()
                best = np.inf
                for k0 in np.geomspace(1e-6, 1.0, 25):
                    # t0 putting the curve's value at the last observation near the data's there.
                    level = y[-1] if cumulative else y[-1] / max(k0, 1e-300)
                    t0 = t[-1] + np.log(m / level) / k0 if model == "logistic" else t[-1] - np.log(-np.log(min(level / m, 0.5))) / k0
                    def residuals(theta):
                        return y - observed(cumulative, curve, t, m, theta[0], theta[1])
                    fit = least_squares(residuals, [k0, t0], method="trf", ftol=1e-15, xtol=1e-15, gtol=1e-15,
                                        x_scale="jac", max_nfev=4000)
                    if np.all(np.isfinite(fit.fun)):
                        best = min(best, float(fit.fun @ fit.fun))
                rows.append((name, f"{model}_rss_m_{factor:.0e}".replace("+0", ""), best))
            best = np.inf
            for k0 in (0.1, 0.3, 1.0, 3.0):
                for t0 in np.linspace(t[0], t[-1] + 10, 10):
                    fit = least_squares(lambda th: y - observed(cumulative, curve, t, *th), [2 * y.max() if cumulative else y.sum(), k0, t0],
                                        method="trf", ftol=1e-15, xtol=1e-15, gtol=1e-15, x_scale="jac", max_nfev=4000)
                    if np.all(np.isfinite(fit.fun)):
                        best = min(best, float(fit.fun @ fit.fun))
            rows.append((name, f"{model}_best_rss", best))
    with open(OUT, "w") as f:
        f.write(f"# made by exponential_limit.py with numpy {np.__version__}, scipy {scipy.__version__}\n")
        f.write("case,quantity,value\n")
        for name, quantity, value in rows:
            f.write(f"{name},{quantity},{float(value)!r}\n")


if __name__ == "__main__":
    main()
