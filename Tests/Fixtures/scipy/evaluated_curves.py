#!/usr/bin/env python3
"""Reference values for a curve with every parameter fixed (adopt fit --fix on all of them): the curve
evaluated against the data, not fitted. Computed with numpy and scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/evaluated_curves.py

Writes evaluated_curves.csv next to this script: for each case and each x (the data's, then up to the
case's horizon), the curve's value and its 95 % prediction interval, with the case's RSS, sigma, R^2,
AIC, AICc, BIC and Durbin-Watson d of the residuals on every row. The conventions are reference_fits.py's (time, models, per-period
interval form). With no parameter estimated, the residuals have n degrees of freedom: sigma^2 = RSS/n,
and the prediction interval is value -/+ t_{n, 0.975} sigma (no parameter uncertainty). The criteria are
R's logLik.nls ones with sigma the only parameter counted (K = 1): logLik = -n/2 (ln 2 pi + 1 - ln n +
ln RSS), AIC = -2 logLik + 2K, AICc = AIC + 2K(K+1)/(n-K-1), BIC = -2 logLik + K ln n.
"""

import os
import sys

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402

# (case, series, model, data, values, horizon): a Bass curve for colour TV with the market potential that
# research code hard-codes for it (38,619) and rounded p and q, and a Gompertz curve for the Netherlands'
# car stock, given as a published curve would be.
CASES = [
    ("tv_bass", "color_tv", "bass", "per_period", {"m": 38619.0, "p": 0.0185, "q": 0.616}, 1972),
    ("cars_gompertz", "netherlands_car_stock_1965_1989", "gompertz", "cumulative",
     {"m": 6000.0, "k": 0.1, "t0": 5.0}, 1992),
    # The README's published colour TV curve (p = 0.005, q = 0.84), to the data's end; and a Bass curve for
    # clothes dryers that explains less than their mean (R^2 < 0).
    ("tv_bass_published", "color_tv", "bass", "per_period", {"m": 38619.0, "p": 0.005, "q": 0.84}, 1970),
    ("dryers_below_mean", "clothes_dryers", "bass", "per_period", {"m": 15960.0, "p": 0.073, "q": 0.389}, 1961),
]


def durbin_watson(r):
    """Durbin-Watson d of the residuals: sum of squared differences over the sum of squares."""
    return float(np.sum(np.diff(r) ** 2) / (r @ r))


def main():
    series = ref.load_series()
    rows = []
    for case, name, model, data, values, horizon in CASES:
        x, y = series[name][:2]
        th = [values[n] for n in ref.MODELS[model][0]]
        xs = np.concatenate([x, np.arange(x[-1] + 1, horizon + 1)])
        t_all = ref.periods(xs)
        fitted = ref.predict(model, t_all, th, data)[0]
        r = fitted[: len(y)] - y
        n = len(y)
        rss = float(r @ r)
        sigma = np.sqrt(rss / n)
        r2 = 1 - rss / float(((y - y.mean()) ** 2).sum())
        _, aic, aicc, bic = ref.information_criteria(n, rss, 1)
        tq = stats.t.ppf(0.975, n)
        print(f"{case}: rss {rss:.10g} sigma {sigma:.10g} R2 {r2:.10g} AIC {aic:.10g} AICc {aicc:.10g} BIC {bic:.10g}")
        for xi, v in zip(xs, fitted):
            rows.append((case, name, model, data, ";".join(f"{key}={value!r}" for key, value in values.items()),
                         xi, v, max(0.0, v - tq * sigma), v + tq * sigma, rss, sigma, r2, aic, aicc, bic, durbin_watson(r)))
    with open(os.path.join(HERE, "evaluated_curves.csv"), "w") as out:
        ref.generated_header(out, "Curves with every parameter fixed, evaluated against the data (adopt fit --fix)", "evaluated_curves.py")
        out.write("case,series,model,data,fixed,x,fitted,pi_low,pi_high,rss,sigma,r_squared,aic,aicc,bic,durbin_watson\n")
        for row in rows:
            out.write(",".join(row[:5]) + f",{row[5]:g}," + ",".join(format(float(v), ".17g") for v in row[6:]) + "\n")


if __name__ == "__main__":
    main()
