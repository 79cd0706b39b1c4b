#!/usr/bin/env python3
"""The per-period capped exponential where its valley in tau is narrow, and the Richards fit it limits.

Run from the repository root:

    python3 Tests/Fixtures/scipy/capped_exponential_narrow.py

Writes capped_exponential_narrow.csv next to this script: columns case,quantity,value.

Per period the capped exponential m*min(1, exp(c*(t - tau))) has the values m*(exp(c*(t - tau)) -
exp(c*(t - 1 - tau))) while it rises, m*(1 - exp(c*(t - 1 - tau))) in the period it reaches its level,
and 0 after. For a large c that period's value moves by about c*m per unit of tau, so the RSS has a
valley in tau far narrower than a period. The case: six periods 9, 9, 1152, 9, 9, 8 (model time
t = 1..6, each period (t - 1, t]), where adopt's Richards fit had stopped `converged` at nu = 48.8,
k = 237, RSS 224.7502 (stop_rss), above the capped exponential's least.

The capped exponential's fit (limit_m, limit_c, limit_tau, limit_rss): m from the linear least squares
(m >= 0) at each (c, tau), over a grid of 700 log-spaced c (e^-3 to e^4) and 1,401 tau over [-0.5, 6.5],
then Nelder-Mead over (ln c, tau) from the 8 best grid points (tolerances 1e-13), the best kept.
"""

import csv
import os

import numpy as np
import scipy
from scipy.optimize import minimize

T = np.arange(1.0, 7.0)
Y = np.array([9.0, 9.0, 1152.0, 9.0, 9.0, 8.0])


def shape(c, tau):
    z, b = c * (T - tau), c * (T - 1 - tau)
    rising = np.exp(np.minimum(z, 0)) * -np.expm1(-c)
    crossing = -np.expm1(np.minimum(b, 0))
    return np.where(z < 0, rising, np.where(b < 0, crossing, 0.0))


def profile(c, tau):
    s = shape(c, tau)
    ss = s @ s
    m = max(0.0, (s @ Y) / ss) if ss > 0 else 0.0
    r = Y - m * s
    return r @ r, m


def main():
    grid = []
    for lc in np.linspace(-3, 4, 700):
        for tau in np.linspace(-0.5, 6.5, 1401):
            grid.append((profile(np.exp(lc), tau)[0], lc, tau))
    grid.sort()
    best = None
    for _, lc, tau in grid[:8]:
        r = minimize(lambda x: profile(np.exp(x[0]), x[1])[0], [lc, tau], method="Nelder-Mead",
                     options=dict(xatol=1e-13, fatol=1e-13, maxiter=40000, maxfev=40000))
        if best is None or r.fun < best.fun:
            best = r
    c, tau = np.exp(best.x[0]), best.x[1]
    rss, m = profile(c, tau)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "capped_exponential_narrow.csv")
    with open(out, "w", newline="") as f:
        f.write(f"# made by capped_exponential_narrow.py with numpy {np.__version__}, scipy {scipy.__version__}\n")
        w = csv.writer(f)
        w.writerow(["case", "quantity", "value"])
        for q, v in (("limit_m", m), ("limit_c", c), ("limit_tau", tau), ("limit_rss", rss), ("stop_rss", 224.75021056399498)):
            w.writerow(["narrow_spike", q, repr(float(v))])


if __name__ == "__main__":
    main()
