#!/usr/bin/env python3
"""Exponential saturation on per-period sales with a launch spike: the series' first period holds
its largest value, far above the slow decay after it.

Run from the repository root:

    python3 Tests/Fixtures/scipy/exponential_spike.py

Writes, next to this script, exponential_spike_data.csv (case,period,sales: the series, made here
from numpy default_rng(2026) and rounded to a tenth) and exponential_spike.csv (case,parameter,value:
the least-squares minimum's m, p and rss, and limit_rss, the RSS of the limit p -> infinity, all
adopters in the first period: the sum of the squares of the other periods' values).

Period i covers model time (i - 1, i] from launch at the start of period 1; its value is
m*(exp(-p*(i-1)) - exp(-p*i)) (exponential saturation, Bass with q = 0, in the interval form of
Srinivasan & Mason 1986). Each case is fitted by scipy.optimize.least_squares (method 'trf', bounds
m, p >= 0, x_scale='jac', xtol = ftol = gtol = 1e-15) from a grid of 400 starts (m from 0.5 to 4
times the first value and the total, p log-uniform in [1e-5, 30]), the best polished by method 'lm'
(tolerances 1e-15).

- spike_slow: 200 periods, the first 3000, then about 100 a period decaying at 0.2 % a period with
  20 % noise. The minimum is interior, at p about 3.6, below the limit; the decay after the spike
  is a local minimum with an RSS six times higher.
- spike_then_none: 150 periods, the first 5000, the second 0, then about 50 a period. The minimum
  is the limit: the best point found is no lower than limit_rss (p not determined).
"""

import os

import numpy as np
import scipy
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))


def series():
    rng = np.random.default_rng(2026)
    out = {}
    n = 200
    t = np.arange(1, n + 1)
    y = np.round(100 * np.exp(-0.002 * t) * (1 + 0.2 * rng.standard_normal(n)), 1)
    y[0] = 3000
    out["spike_slow"] = y
    n = 150
    t = np.arange(1, n + 1)
    y = np.round(50 * np.exp(-0.002 * t) * (1 + 0.2 * rng.standard_normal(n)), 1)
    y[0], y[1] = 5000, 0
    out["spike_then_none"] = y
    return out


def residuals(theta, y):
    m, p = theta
    i = np.arange(1, len(y) + 1)
    return m * (np.exp(-p * (i - 1)) - np.exp(-p * i)) - y


def fit(y):
    rng = np.random.default_rng(2026)
    tight = dict(xtol=1e-15, ftol=1e-15, gtol=1e-15)
    best = None
    for _ in range(400):
        m0 = rng.uniform(0.5, 4) * (y[0] if rng.random() < 0.5 else y.sum())
        p0 = 10 ** rng.uniform(-5, np.log10(30))
        r = least_squares(residuals, [m0, p0], args=(y,), method="trf", bounds=([0, 0], [np.inf, np.inf]),
                          x_scale="jac", max_nfev=20000, **tight)
        if best is None or r.cost < best.cost:
            best = r
    polished = least_squares(residuals, best.x, args=(y,), method="lm", max_nfev=20000, **tight)
    if polished.cost <= best.cost:
        best = polished
    return best


def main():
    data = series()
    with open(os.path.join(HERE, "exponential_spike_data.csv"), "w") as f:
        f.write(f"# exponential_spike.py, numpy {np.__version__}\ncase,period,sales\n")
        for case, y in data.items():
            for i, v in enumerate(y, start=1):
                f.write(f"{case},{i},{float(v)!r}\n")
    with open(os.path.join(HERE, "exponential_spike.csv"), "w") as f:
        f.write(f"# exponential_spike.py, scipy {scipy.__version__}, numpy {np.__version__}\ncase,parameter,value\n")
        for case, y in data.items():
            # The same numbers the CSV holds (read back as the test reads them).
            y = np.array([float(repr(float(v))) for v in y])
            r = fit(y)
            rss = float(np.sum(residuals(r.x, y) ** 2))
            limit = float(np.sum(y[1:] ** 2))
            for name, value in [("m", r.x[0]), ("p", r.x[1]), ("rss", rss), ("limit_rss", limit)]:
                f.write(f"{case},{name},{float(value)!r}\n")
            print(case, r.x, rss, limit)


if __name__ == "__main__":
    main()
