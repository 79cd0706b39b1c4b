#!/usr/bin/env python3
"""How often the usual outlier rule flags the benchmark's synthetic Bass series, none of which has an outlier.

The rule is R's car::outlierTest: externally studentized residuals of the fit's linearization (the
Jacobian at the estimates as the design matrix), Bonferroni p-values, flagged below 0.05; here through
statsmodels' OLS(residuals, J).outlier_test(method="bonf"), which at a least-squares solution (J^T r = 0)
gives the nonlinear fit's hat values and residuals. The series' noise is multiplicative (lognormal,
gen_series.py), so it is largest near the peak.

    python3 Benchmarks/peers/gen_series.py --n 1000 --out /tmp/series.csv   # from a scratch directory
    python3 Benchmarks/peers/outlier_rule.py /tmp/series.csv

Needs numpy, scipy and statsmodels. Prints: series fitted, series flagged at 0.05, at 0.01.
"""

import csv
import sys

import numpy as np
import statsmodels.api as sm
from scipy.optimize import least_squares


def F(t, p, q):
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + q / p * e)


def model(b, t):
    m, p, q = b
    return m * (F(t, p, q) - F(t - 1, p, q))


def main(path):
    series = {}
    for r in csv.DictReader(open(path)):
        series.setdefault(r["series_id"], []).append((float(r["year"]), float(r["adopters"])))
    fitted = flagged05 = flagged01 = 0
    for obs in series.values():
        t = np.array([o[0] for o in obs])
        y = np.array([o[1] for o in obs])
        t = t - t[0] + 1
        start = [2 * y.sum(), 0.01, 0.3]
        r = least_squares(lambda b: model(b, t) - y, start, x_scale=np.abs(start), method="lm", xtol=1e-12, ftol=1e-12)
        if not r.success or len(y) - 3 - 1 < 1:
            continue
        p = np.asarray(sm.OLS(y - model(r.x, t), r.jac).fit().outlier_test(method="bonf"))[:, 2].min()
        fitted += 1
        flagged05 += p < 0.05
        flagged01 += p < 0.01
    print(f"fitted {fitted}, flagged at Bonferroni p < 0.05: {flagged05}, at p < 0.01: {flagged01}")


if __name__ == "__main__":
    main(sys.argv[1])
