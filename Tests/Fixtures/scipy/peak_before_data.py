#!/usr/bin/env python3
"""Logistic and Gompertz fits whose minimum peaks before the data: series h114 and h344 of
Benchmarks/gen_hard_series.py (default seed 11), each two Bass waves over 400 periods, per period, the
first wave already past its peak when the data start.

Run from the repository root:

    python3 Benchmarks/gen_hard_series.py --out /tmp/hard.csv --cumulative-out /tmp/hard_cum.csv
    python3 Tests/Fixtures/scipy/peak_before_data.py /tmp/hard.csv

Writes peak_before_data_data.csv next to this script (case,period,adopters: the two series; without an
argument it reads that file instead) and peak_before_data.csv: columns case,model,quantity,value, for
each series and model (logistic m/(1 + exp(-k*(t - t0))), Gompertz m*exp(-exp(-k*(t - t0)))) the
least-squares m, k, t0 and rss, and runaway_rss, the RSS of the fit with m held at 1e4 times the observed
total (adopt's runaway limit), where a market potential that runs away ends. Period i covers model time
(i - 1, i]; a per-period value is N(i) - N(i - 1) (Srinivasan & Mason 1986).

The minimum: m solved as a linear least-squares fit over a grid of 400 k (log-spaced, 1e-4 to 3 per
period) and 400 t0 (-300 to 500), then scipy.optimize.least_squares (method 'lm', tolerances 1e-15) from
the 20 best grid points and polished from the best; the runaway: least_squares over k and t0 with m held,
from the same grid's best points at that m. The minimum is interior (m below 20 times the observed total)
and below the runaway's RSS.
"""

import csv
import os
import sys

import numpy as np
import scipy
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "peak_before_data_data.csv")
OUT = os.path.join(HERE, "peak_before_data.csv")
CASES = ["h114", "h344"]


def total(model, t, k, t0):
    z = -k * (t - t0)
    if model == "logistic":
        return 1 / (1 + np.exp(z))
    return np.exp(-np.exp(z))


def shape(model, t, k, t0):
    return total(model, t, k, t0) - total(model, t - 1, k, t0)


def read_cases(data, cases, made=()):
    """The per-period series `cases` of the file of Benchmarks/gen_hard_series.py named by the first
    argument, written to `data` (case,period,adopters) with the rows `made` (case, period, adopters) after
    them; without an argument, read back from `data`. Returns case -> (periods, adopters)."""
    if len(sys.argv) > 1:
        rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["series"] in cases]
        with open(data, "w") as f:
            f.write("case,period,adopters\n")
            for r in rows:
                f.write(f"{r['series']},{r['t']},{r['y']}\n")
            for case, period, adopters in made:
                f.write(f"{case},{period},{adopters}\n")
    series = {}
    for r in csv.DictReader(open(data)):
        series.setdefault(r["case"], []).append((float(r["period"]), float(r["adopters"])))
    return {c: (np.array([p for p, _ in v]), np.array([y for _, y in v])) for c, v in series.items()}


def grid(model, t, y, m=None):
    out = []
    for k in np.geomspace(1e-4, 3, 400):
        for t0 in np.linspace(-300, 500, 400):
            h = shape(model, t, k, t0)
            hh = h @ h
            if not hh > 0:
                continue
            mm = m if m is not None else max(0.0, (h @ y) / hh)
            r = y - mm * h
            out.append((r @ r, mm, k, t0))
    out.sort(key=lambda g: g[0])
    return out


def main():
    np.seterr(over="ignore")
    rows = []
    for case, (t, y) in read_cases(DATA, CASES).items():
        for model in ("logistic", "gompertz"):
            def residuals(theta):
                return y - theta[0] * shape(model, t, theta[1], theta[2])
            best = None
            for _, m, k, t0 in grid(model, t, y)[:20]:
                fit = least_squares(residuals, [m, k, t0], method="lm", ftol=1e-15, xtol=1e-15, gtol=1e-15,
                                    max_nfev=20000)
                if best is None or fit.cost < best.cost:
                    best = fit
            best = least_squares(residuals, best.x, method="lm", ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=20000)
            cap = 1e4 * y.sum()
            runaway = None
            for _, _, k, t0 in grid(model, t, y, m=cap)[:20]:
                fit = least_squares(lambda th: residuals((cap, th[0], th[1])), [k, t0], method="lm",
                                    ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=20000)
                if runaway is None or fit.cost < runaway.cost:
                    runaway = fit
            m, k, t0 = best.x
            assert 0 < m < 20 * y.sum() and best.cost < runaway.cost, (case, model, best.x)
            rows += [(case, model, "m", m), (case, model, "k", k), (case, model, "t0", t0),
                     (case, model, "rss", 2 * best.cost), (case, model, "runaway_rss", 2 * runaway.cost)]
            print(case, model, best.x, 2 * best.cost, 2 * runaway.cost)
    with open(OUT, "w") as f:
        f.write(f"# made by peak_before_data.py with numpy {np.__version__}, scipy {scipy.__version__}\n")
        f.write("case,model,quantity,value\n")
        for case, model, quantity, value in rows:
            f.write(f"{case},{model},{quantity},{float(value)!r}\n")


if __name__ == "__main__":
    main()
