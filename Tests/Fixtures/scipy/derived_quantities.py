#!/usr/bin/env python3
"""Quantities derived from the reference fits: information criteria, R² and curve intervals.

Run from the repository root (after reference_fits.py):

    python3 Tests/Fixtures/scipy/derived_quantities.py

Reads reference_fits.csv and reference_covariances.csv (scipy's estimates, RSS and covariances)
and Data/series/*.csv; writes next to this script:

* information_criteria.csv: series,model,data,n,k,log_likelihood,aic,aicc,bic,r_squared for every
  reference fit. The log-likelihood is R's logLik.nls for unweighted residuals,
  -n/2 * (log(2*pi) + 1 - log(n) + log(RSS)); with K = k + 1 (sigma counts as a parameter, as in R):
  AIC = -2 logLik + 2K, BIC = -2 logLik + K log(n), AICc = AIC + 2K(K+1)/(n-K-1) (Hurvich & Tsai
  1989; Burnham & Anderson 2002); R² = 1 - RSS / sum((y - mean(y))²).
* curve_intervals.csv: x,fitted,se,ci_low,ci_high,pi_low,pi_high for the Bass per-period fit of
  clothes dryers, 1949-1961 and the two years after (adopt fit --horizon 1963): fitted =
  m*(F(t) - F(t-1)), t = year - 1948; se = sqrt(g' C g) with g the analytic gradient of the fitted
  value (reference_fits.predict) and C scipy's covariance; intervals fitted ± t_{0.975, n-k} * se (confidence) and
  ± t * sqrt(se² + sigma²) (prediction), sigma² = RSS/(n-k), lower limits truncated at zero
  (adoption is never negative); then the curve's cumulative adopters N(t) = m*F(t), its standard
  error and confidence interval by the same delta method on N's gradient, and the share F(t) of m.
* curve_increments.csv: x,per_period,se,ci_low,ci_high for the Gompertz cumulative fit of the
  Netherlands' car stock, 1965-1989 and on to 1992 (adopt fit --cumulative --horizon 1992): the rise of
  the curve over each period, N(t) - N(t-1), t = year - 1964, its standard error by the delta method on
  the rise's gradient and scipy's covariance, and its confidence interval (lower limit truncated at zero).
"""

import math
import os
import sys

import numpy as np
from scipy.stats import t as student_t

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402  (the series, conventions and models of the fits)


def header(f, what):
    ref.generated_header(f, what, "derived_quantities.py")


def information_criteria():
    series_data = ref.load_series()
    fits = {}
    for r in ref.read_commented_csv(os.path.join(HERE, "reference_fits.csv")):
        key = (r["series"], r["model"], r["data"])
        fits.setdefault(key, {})[r["parameter"]] = float(r["estimate"])
    out = []
    for (series, model, data), values in fits.items():
        y = series_data[series][1]
        n = len(y)
        k = len(values) - 1  # the parameters besides the rss row
        rss = values["rss"]
        loglik, aic, aicc, bic = ref.information_criteria(n, rss, k + 1)
        r2 = 1 - rss / float(np.sum((y - y.mean()) ** 2))
        out.append((series, model, data, n, k, loglik, aic, aicc, bic, r2))
    with open(os.path.join(HERE, "information_criteria.csv"), "w") as f:
        header(f, "Information criteria and R² of the reference fits (R's logLik.nls)")
        f.write("series,model,data,n,k,log_likelihood,aic,aicc,bic,r_squared\n")
        for row in out:
            f.write(",".join(str(v) for v in row[:5]) + "," + ",".join(format(v, ".17g") for v in row[5:]) + "\n")


def reference_fit(series, model, data):
    """A fit of reference_fits.csv: its estimates (and rss) by name, the parameters in model order, and
    their covariance from reference_covariances.csv."""
    est = {r["parameter"]: float(r["estimate"]) for r in ref.read_commented_csv(os.path.join(HERE, "reference_fits.csv"))
           if (r["series"], r["model"], r["data"]) == (series, model, data)}
    names = ref.MODELS[model][0]
    cov = np.zeros((len(names), len(names)))
    for r in ref.read_commented_csv(os.path.join(HERE, "reference_covariances.csv")):
        if (r["series"], r["model"], r["data"]) == (series, model, data):
            cov[names.index(r["row"]), names.index(r["column"])] = float(r["covariance"])
    return est, [est[name] for name in names], cov


def curve_intervals():
    series = "clothes_dryers"
    est, theta, cov = reference_fit(series, "bass", "per_period")
    n, k = len(ref.load_series()[series][1]), 3
    sigma2 = est["rss"] / (n - k)
    tq = student_t.ppf(0.975, n - k)
    with open(os.path.join(HERE, "curve_intervals.csv"), "w") as f:
        header(f, "Delta-method intervals of the Bass per-period fit of clothes dryers (reference_fits.csv)")
        f.write(f"# t_(0.975, {n - k}) = {format(tq, '.17g')}, sigma² = {format(sigma2, '.17g')}\n")
        f.write("x,fitted,se,ci_low,ci_high,pi_low,pi_high,cumulative,cumulative_se,cumulative_ci_low,cumulative_ci_high,share\n")
        years = np.arange(1949, 1964)
        t = ref.periods(years.astype(float))
        fitted_all, jac = ref.predict("bass", t, theta, "per_period")
        totals, total_jac = ref.predict("bass", t, theta, "cumulative")
        for year, fitted, g, total, h in zip(years, fitted_all, jac, totals, total_jac):
            se = math.sqrt(float(g @ cov @ g))
            half_ci, half_pi = tq * se, tq * math.sqrt(se * se + sigma2)
            total_se = math.sqrt(float(h @ cov @ h))
            values = [fitted, se, max(0.0, fitted - half_ci), fitted + half_ci,
                      max(0.0, fitted - half_pi), fitted + half_pi,
                      total, total_se, max(0.0, total - tq * total_se), total + tq * total_se, total / theta[0]]
            f.write(f"{year}," + ",".join(format(v, ".17g") for v in values) + "\n")


def curve_increments():
    """The adopters of each period that a cumulative fit implies: the Gompertz fit of the Netherlands' car stock."""
    series, model = "netherlands_car_stock_1965_1989", "gompertz"
    _, theta, cov = reference_fit(series, model, "cumulative")
    x = ref.load_series()[series][0]
    n, k = len(x), 3
    tq = student_t.ppf(0.975, n - k)
    with open(os.path.join(HERE, "curve_increments.csv"), "w") as f:
        header(f, "Delta-method intervals of the per-period rise of the Gompertz fit of the Netherlands' car stock (cumulative data)")
        f.write(f"# t_(0.975, {n - k}) = {format(tq, '.17g')}\n")
        f.write("x,per_period,se,ci_low,ci_high\n")
        years = np.arange(x[0], 1993.0)
        t = years - x[0] + 1.0
        rises, jac = ref.predict(model, t, theta, "per_period")
        for year, rise, g in zip(years, rises, jac):
            se = math.sqrt(float(g @ cov @ g))
            values = [rise, se, max(0.0, rise - tq * se), rise + tq * se]
            f.write(f"{int(year)}," + ",".join(format(v, ".17g") for v in values) + "\n")


if __name__ == "__main__":
    information_criteria()
    curve_intervals()
    curve_increments()
