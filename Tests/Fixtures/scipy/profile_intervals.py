#!/usr/bin/env python3
"""Outside reference profile-likelihood intervals for `adopt fit --profile`, computed with scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/profile_intervals.py

For each fit in FITS (reference_fits.py's conventions, models, starts and solver), and each parameter
j, the profile is S(v) = min over the other parameters, within their domains (LOWER), of the residual
sum of squares with theta_j held at v (scipy least_squares, method='trf' with those bounds and m at most
10^4 x the observed total, adopt's runaway limit; tolerances 1e-15, analytic Jacobian without column j,
each refit started from the last one inside the interval). The interval at `level` is where

    S(v) <= S(theta_hat) + s^2 * t_{n-k, (1+level)/2}^2,   s^2 = S(theta_hat) / (n - k),

i.e. |profile t| <= t quantile (Bates & Watts 1988, section 6.1; R's confint for nls). Each end is
bracketed by stepping out from the estimate in steps of t * se that double, then found with
scipy.optimize.brentq. An upper end of m still inside at the cap, or an end still inside after 2^40
steps, is written as "open"; a lower end still inside at the domain limit as "domain_limit".

Writes profile_intervals.csv next to this script.
"""

import csv
import os
import sys

import numpy as np
import scipy
from scipy import stats as sps
from scipy.optimize import brentq, least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402

OUT_CSV = os.path.join(HERE, "profile_intervals.csv")
FITS = [(s, "bass") for s in ref.DURABLES] + [("room_air_conditioners", "logistic"),
                                              ("clothes_dryers", "gompertz"),
                                              ("netherlands_car_stock_1965_1989", "gompertz"),
                                              ("us_cable_tv_subscribers_cumulative", "logistic"),
                                              ("us_cable_tv_subscribers_cumulative", "richards")]
IPHONE = "apple_iphone_quarterly_sales_rossi"
FITS += [(IPHONE, "bass"), (IPHONE, "logistic")]
# adopt's runaway limit: a market potential is followed to at most 10^4 x the observed total.
RUNAWAY = 1e4
LEVELS = [0.95, 0.8]
# The models' domains (adopt's lowerLimits): an end that reaches one still inside is that limit.
LOWER = {"bass": [0.0, 0.0, 0.0], "logistic": [0.0, 0.0, -np.inf], "gompertz": [0.0, 0.0, -np.inf],
         "richards": [0.0, 0.0, -np.inf, 0.0]}
# Refits keep the other parameters in their domains: scipy's bounded trust-region method.
BOUNDED_OPTS = dict(method="trf", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000, x_scale="jac")


def reference_estimates():
    """(series, model) -> estimates from reference_fits.csv."""
    out = {}
    with open(os.path.join(HERE, "reference_fits.csv")) as f:
        rows = [r for r in csv.DictReader(ln for ln in f if not ln.startswith("#"))]
    for r in rows:
        if r["parameter"] != "rss":
            out.setdefault((r["series"], r["model"]), []).append(float(r["estimate"]))
    return out


def profile_end(model, t, y, kind, theta, j, direction, step, threshold, limit, cap):
    """(kind, value): ("crossing", v), ("domain_limit", limit) or ("open", None); `cap` bounds the
    market potential m (parameter 0) from above in every refit, as adopt's runaway limit does."""
    # Every refit starts from the solution at the inside point nearest the crossing so far.
    anchor = [np.delete(theta, j)]

    def excess(v):
        def fun(z):
            return ref.predict(model, t, np.insert(z, j, v), kind)[0] - y

        def jac(z):
            return np.delete(ref.predict(model, t, np.insert(z, j, v), kind)[1], j, axis=1)

        upper = np.full(len(theta), np.inf)
        upper[0] = cap
        bounds = (np.delete(LOWER[model], j), np.delete(upper, j))
        start = np.minimum(np.maximum(anchor[0], bounds[0]), bounds[1])
        if not np.all(np.isfinite(jac(start))):
            # At a domain limit where the model degenerates (Bass with p = 0 is zero whatever
            # m and q) the Jacobian is not finite and there is nothing to refit.
            r = fun(start)
            return float(r @ r) - threshold
        res = least_squares(fun, start, jac=jac, bounds=bounds, **BOUNDED_OPTS)
        res = least_squares(fun, res.x, jac=jac, bounds=bounds, **BOUNDED_OPTS)
        if not res.success:
            raise RuntimeError(f"refit failed at {v}")
        h = float(res.fun @ res.fun) - threshold
        if h < 0:
            anchor[0] = res.x
        return h

    inside, width = theta[j], step
    for _ in range(40):
        v = theta[j] + direction * width
        last = direction * (v - limit) >= 0
        if last:
            v = limit
        if excess(v) >= 0:
            root = brentq(excess, *sorted((inside, v)), xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
            return "crossing", root
        if last:
            return ("domain_limit", limit) if direction < 0 else ("open", None)
        inside = v
        width *= 2
    return "open", None


def main():
    np.seterr(over="ignore", invalid="ignore", divide="ignore")
    data = ref.load_series()
    estimates = reference_estimates()
    # The iPhone's quarters, t = 1..23 (adopt numbers labelled periods in file order), fitted here
    # from reference_fits' starts: a series whose market potential the data bound only loosely.
    rows = ref.read_commented_csv(os.path.join(ref.SERIES_DIR, IPHONE + ".csv"))
    y = np.array([float(r["value"]) for r in rows])
    data[IPHONE] = (np.arange(1.0, len(y) + 1), y, "per_period")
    for model in ("bass", "logistic"):
        t = data[IPHONE][0]
        start = ref.bass_ols_start(y)[0] if model == "bass" else ref.s_curve_starts(t, y, "per_period")[0]
        res, _ = ref.solve(model, t, y, "per_period", start)
        assert res.success, model
        estimates[(IPHONE, model)] = list(res.x)
    rows = []
    for series, model in FITS:
        x, y, kind = data[series]
        t = ref.periods(x)
        theta = np.array(estimates[(series, model)])
        cap = RUNAWAY * (np.sum(y) if kind == "per_period" else y[-1])
        names = ref.MODELS[model][0]
        rss, se, _, _ = ref.stats(model, t, y, kind, theta)
        n, k = len(y), len(theta)
        s2 = rss / (n - k)
        for level in LEVELS:
            tq = sps.t.ppf(0.5 + level / 2, n - k)
            threshold = rss + s2 * tq * tq
            for j, name in enumerate(names):
                low = profile_end(model, t, y, kind, theta, j, -1.0, tq * se[j], threshold, LOWER[model][j], cap)
                high = profile_end(model, t, y, kind, theta, j, 1.0, tq * se[j], threshold,
                                   cap if j == 0 else np.inf, cap)
                print(f"{series} {model} {level} {name}: estimate {theta[j]:.8g}, "
                      f"Wald {theta[j] - tq * se[j]:.8g} .. {theta[j] + tq * se[j]:.8g}, profile {low} .. {high}")
                rows.append([series, model, kind, repr(level), name, low[0], "" if low[1] is None else ref.fmt(low[1]),
                             high[0], "" if high[1] is None else ref.fmt(high[1])])
    with open(OUT_CSV, "w", newline="") as f:
        f.write("# Reference profile-likelihood intervals (--profile) for adopt, generated by scipy;"
                " do not edit by hand.\n")
        f.write(f"# scipy {scipy.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/profile_intervals.py\n")
        f.write("# ends where S(v) = S + s^2 t^2 with the other parameters refitted (estimates from"
                " reference_fits.csv); kind 'crossing', 'domain_limit' (still inside at the model's domain limit, the"
                " value) or 'open' (m still inside at 10^4 x the observed total, or no crossing within 2^40"
                " half-widths); m is at most 10^4 x the observed total in every refit; the estimates are settled to about"
                " 1e-7 relative: compare with a relative tolerance of 1e-6 of the interval's width\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "data", "level", "parameter", "low_kind", "low", "high_kind", "high"])
        w.writerows(rows)
    print(f"wrote {os.path.relpath(OUT_CSV, os.getcwd())}")


if __name__ == "__main__":
    main()
