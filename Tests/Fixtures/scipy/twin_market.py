#!/usr/bin/env python3
"""Bass and the logistic on per-period values: one curve in two parameterizations, two market potentials.

The logistic's increments are Bass's times 1 + p/q (k = p + q, e^(k*t0) = q/p), so at one minimum the
logistic's m is Bass's m*(1 + p/q) and Bass's m is the logistic's m/(1 + e^(-k*t0)), the adopters from
launch. Whether a standard error reaches its estimate depends on which of the two is judged. Two
series (SERIES below: eight and ten years of sales, one before its peak, one that never shows where it
levels off) are fitted with both models here; each one's standard error of m at least m itself in one
model and below it in the other.

Run from the repository root:

    python3 Tests/Fixtures/scipy/twin_market.py

Writes twin_market_data.csv next to this script (series,period,sales: SERIES) and twin_market.csv
(series,model,m,se_m,rss). Each model is fitted to the
per-period values, period i covering model time (i - 1, i] from launch at the start of the first
(Srinivasan & Mason 1986), by scipy.optimize.least_squares method 'lm' with the analytic Jacobian and
tolerances 1e-15, from 200 starts (numpy default_rng(2026): m from 1 to 100 times the total, Bass p and q
log-uniform in [1e-4, 1], the logistic's k log-uniform in [1e-3, 2] and t0 uniform in [-10, 40]); the
lowest RSS is kept. Standard errors are sqrt(diag(sigma^2 (J'J)^-1)), sigma^2 = RSS/(n - 3).
"""

import os
import sys

import numpy as np
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reference_fits import generated_header, predict  # noqa: E402

SERIES = {
    "before_peak": [19951.45, 20038.07, 22782.43, 25605.01, 27645.68, 34497.15, 31359.29, 36257.37],
    "never_levels": [17397.51, 12025.69, 16561.06, 15968.17, 14415.92, 15251.37, 14581.57, 15079.72,
                     16077.28, 11962.02],
}

TIGHT = dict(xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)


def increments(model, th, n):
    """Per-period values and their Jacobian at periods 1..n (reference_fits.predict)."""
    return predict(model, np.arange(1, n + 1, dtype=float), th, "per_period")


def fit(model, y, rng):
    n = len(y)
    best = None
    for _ in range(200):
        m0 = y.sum() * 10 ** rng.uniform(0, 2)
        if model == "bass":
            start = [m0, 10 ** rng.uniform(-4, 0), 10 ** rng.uniform(-4, 0)]
        else:
            start = [m0, 10 ** rng.uniform(-3, np.log10(2)), rng.uniform(-10, 40)]
        try:
            r = least_squares(lambda th: increments(model, th, n)[0] - y, start,
                              jac=lambda th: increments(model, th, n)[1], method="lm", **TIGHT)
        except (ValueError, FloatingPointError):
            continue
        if not np.all(np.isfinite(r.x)) or r.x[0] <= 0 or r.x[1] <= 0 or (model == "bass" and r.x[2] <= 0):
            continue
        if best is None or r.cost < best.cost:
            best = r
    values, jac = increments(model, best.x, n)
    rss = float(np.sum((values - y) ** 2))
    cov = rss / (n - 3) * np.linalg.inv(jac.T @ jac)
    return best.x, np.sqrt(np.diag(cov)), rss


def main():
    np.seterr(all="ignore")
    rng = np.random.default_rng(2026)
    with open(os.path.join(HERE, "twin_market_data.csv"), "w") as f:
        generated_header(f, "the per-period series of twin_market.py (SERIES)", "twin_market.py")
        f.write("series,period,sales\n")
        for name, values in SERIES.items():
            for i, v in enumerate(values, start=1):
                f.write(f"{name},{i},{float(v)!r}\n")
    with open(os.path.join(HERE, "twin_market.csv"), "w") as f:
        generated_header(f, "Bass and logistic fits of per-period values, m and its standard error", "twin_market.py")
        f.write("series,model,m,se_m,rss\n")
        for name, values in SERIES.items():
            y = np.array(values, dtype=float)
            for model in ("bass", "logistic"):
                x, se, rss = fit(model, y, rng)
                f.write(f"{name},{model},{float(x[0])!r},{float(se[0])!r},{rss!r}\n")
                print(name, model, x, se, rss)


if __name__ == "__main__":
    main()
