#!/usr/bin/env python3
"""The curves a logistic, Gompertz or Richards fit approaches as its market potential m runs away, fitted
with scipy: the decaying tail of a curve that peaked before the data (exponential saturation per period)
and exponential growth through the data.

Series (per period; period i covers model time (i - 1, i], a per-period value is N(i) - N(i - 1),
Srinivasan & Mason 1986):
- h385, h115: Benchmarks/gen_hard_series.py (default seed 11), a launch spike and a decay after it;
- h113, h103: the same file, exponential growth throughout;
- d1: 40 periods of 20000·e^(-t) plus a bump of 3000·e^(-(t - 30)^2 / 8), to two decimals (made here).

Run from the repository root:

    python3 Benchmarks/gen_hard_series.py --out /tmp/hard.csv --cumulative-out /tmp/hard_cum.csv
    python3 Tests/Fixtures/scipy/runaway_limits.py /tmp/hard.csv

Writes runaway_limits_data.csv next to this script (case,period,adopters; without an argument it reads
that file instead) and runaway_limits.csv: columns case,quantity,value.
- tail_m, tail_p, tail_rss: the least-squares exponential saturation per period,
  m·(exp(-p·(t - 1)) - exp(-p·t)), from the 20 best points of a grid of 2,000 p (log-spaced, 1e-6 to 30,
  m a linear fit at each), scipy.optimize.least_squares (method 'lm', tolerances 1e-15).
- growth_c, growth_rss: the least-squares exponential growth A·exp(c·t), c > 0, the same way (c from
  1e-9 to 5).
- logistic_held_rss_1e4, logistic_held_rss_1e8 (and gompertz_…): for the spike cases, the least RSS of the
  logistic (Gompertz) curve with m held at 1e4 and 1e8 times the observed total, over k and t0 from the
  best points of a grid (400 k log-spaced 1e-3 to 30, 400 t0 from -300 to the last period): the curve
  comes down to the tail's RSS as m grows (checked here).
- local_m, local_k, local_t0, local_rss: for d1, the logistic fit by lm from m = 15000, k = 1, t0 = 30 (the
  bump): a local minimum above the tail's RSS, with R² > 0 (checked here).
"""

import os

import numpy as np
import scipy
from scipy.optimize import least_squares

from peak_before_data import read_cases

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "runaway_limits_data.csv")
OUT = os.path.join(HERE, "runaway_limits.csv")
FROM_FILE = ["h385", "h115", "h113", "h103"]
SPIKES = ["h385", "h115", "d1"]
GROWTH = ["h113", "h103"]
TOL = dict(method="lm", ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=20000)


def linear_fit(shape, y):
    hh = shape @ shape
    m = (shape @ y) / hh if hh > 0 else 0.0
    r = y - m * shape
    return r @ r, m


def two_parameter(shape_of, t, y, rates):
    """Least squares of y ≈ m·shape_of(t, rate): the grid's 20 best points, each run by lm, the best polished."""
    grid = sorted((linear_fit(shape_of(t, r), y) + (r,) for r in rates), key=lambda g: g[0])
    def residuals(theta):
        return y - theta[0] * shape_of(t, theta[1])
    best = None
    for _, m, rate in grid[:20]:
        fit = least_squares(residuals, [m, rate], **TOL)
        if best is None or fit.cost < best.cost:
            best = fit
    best = least_squares(residuals, best.x, **TOL)
    return best.x[0], best.x[1], 2 * best.cost


def tail_shape(t, p):
    return np.exp(-p * (t - 1)) - np.exp(-p * t)


def growth_shape(t, c):
    return np.exp(c * (t - t[-1]))


def s_survival(model, t, k, t0):
    """1 - F(t), computed without cancellation where F is near 1."""
    z = -k * (t - t0)
    if model == "logistic":
        return 1 / (1 + np.exp(-z))
    return -np.expm1(-np.exp(z))


def s_shape(model, t, k, t0):
    return s_survival(model, t - 1, k, t0) - s_survival(model, t, k, t0)


def held(model, t, y, m):
    """The least RSS of the curve with m held, over k and t0."""
    grid = []
    for k in np.geomspace(1e-3, 30, 400):
        for t0 in np.linspace(-300, t[-1], 400):
            r = y - m * s_shape(model, t, k, t0)
            grid.append((r @ r, k, t0))
    grid.sort(key=lambda g: g[0])
    best = None
    for _, k, t0 in grid[:20]:
        fit = least_squares(lambda th: y - m * s_shape(model, t, th[0], th[1]), [k, t0], **TOL)
        if best is None or fit.cost < best.cost:
            best = fit
    return 2 * best.cost


def main():
    np.seterr(over="ignore", invalid="ignore")
    rows = []
    d1 = [("d1", t, f"{20000 * np.exp(-t) + 3000 * np.exp(-0.5 * ((t - 30) / 2) ** 2):.2f}") for t in range(1, 41)]
    for case, (t, y) in read_cases(DATA, FROM_FILE, d1).items():
        if case in SPIKES:
            m, p, rss = two_parameter(tail_shape, t, y, np.geomspace(1e-6, 30, 2000))
            rows += [(case, "tail_m", m), (case, "tail_p", p), (case, "tail_rss", rss)]
            print(case, "tail", m, p, rss)
            if case != "d1":
                for model in ("logistic", "gompertz"):
                    near, far = held(model, t, y, 1e4 * y.sum()), held(model, t, y, 1e8 * y.sum())
                    assert rss * (1 - 1e-9) <= far <= near, (case, model, rss, far, near)
                    rows += [(case, f"{model}_held_rss_1e4", near), (case, f"{model}_held_rss_1e8", far)]
                    print(case, model, "held", near, far)
            else:
                def residuals(theta):
                    return y - theta[0] * s_shape("logistic", t, theta[1], theta[2])
                local = least_squares(residuals, [15000, 1, 30], **TOL)
                assert rss < 2 * local.cost < ((y - y.mean()) ** 2).sum(), (local.x, 2 * local.cost, rss)
                rows += [(case, "local_m", local.x[0]), (case, "local_k", local.x[1]), (case, "local_t0", local.x[2]),
                         (case, "local_rss", 2 * local.cost)]
                print(case, "local", local.x, 2 * local.cost)
        if case in GROWTH:
            a, c, rss = two_parameter(growth_shape, t, y, np.geomspace(1e-9, 5, 2000))
            assert c > 0
            rows += [(case, "growth_c", c), (case, "growth_rss", rss)]
            print(case, "growth", a, c, rss)
    with open(OUT, "w") as f:
        f.write(f"# made by runaway_limits.py with numpy {np.__version__}, scipy {scipy.__version__}\n")
        f.write("case,quantity,value\n")
        for case, quantity, value in rows:
            f.write(f"{case},{quantity},{float(value)!r}\n")


if __name__ == "__main__":
    main()
