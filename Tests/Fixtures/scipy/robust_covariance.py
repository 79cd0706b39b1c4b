#!/usr/bin/env python3
"""Outside reference for `adopt fit --covariance hc0|hc1|hc2|hc3`: the heteroskedasticity-consistent
(sandwich) covariances of the reference fits, computed by statsmodels.

Run from the repository root:

    python3 Tests/Fixtures/scipy/robust_covariance.py

Reads Data/series/*.csv (through reference_fits.py's loader) and the estimates of reference_fits.csv,
and writes robust_covariances.csv next to this script; and, for two fits whose parameters are not all
free, robust_covariances_edges.csv:

* clothes_dryers_fixed_q: Bass per period on the clothes dryers with q fixed at 0.4 (`--fix q=0.4`), m and
  p refitted here (least_squares, method 'lm', tolerances 1e-15), J their two columns;
* netherlands_bass_on_bound: Bass on the Dutch car stock's running totals, whose fit lies on the bound
  q = 0, where it is exponential saturation m(1 - e^{-pt}), fitted here; J the columns of m and p. The
  held q counts among the parameters in adopt's sigma^2 and t quantile (dof = n - 3), and so in HC1's
  n/(n - k): its HC1 is statsmodels' HC0 times n/(n - 3) (statsmodels' own HC1 counts the free columns).

And, for `--covariance` on the Bass (1969) OLS that a Bass fit reports: for each per-period durable of
Data/series/durables.csv, statsmodels' OLS of y_t on a constant, Y_{t-1} and Y_{t-1}^2 (bass_ols.py's
regression) with cov_type HC0..HC3: the standard errors of a, b and c (`bse`), and those of the m, p and q
they imply by the delta method with sympy's gradients (bass_ols.py's `implied`). Written to
robust_bass_ols.csv.

At a least-squares minimum theta of sum r_i^2 with Jacobian J, the sandwich covariance of a nonlinear
fit is that of its linearization (White 1980; Davidson & MacKinnon 2004, sec. 6.5): the regression of
the residuals r on J, whose coefficients are 0 at the minimum (J^T r = 0) and whose residuals are r.
statsmodels' OLS(r, J).fit(cov_type=...) gives it:

    (J^T J)^-1 J^T diag(w_i) J (J^T J)^-1,
    HC0: w = r^2   HC1: w = r^2 n/(n-k)   HC2: w = r^2/(1-h)   HC3: w = r^2/(1-h)^2,
    h = diag(J (J^T J)^-1 J^T);

and HAC (Newey-West), (J^T J)^-1 S (J^T J)^-1 with S = sum over i, j at most L apart of
(1 - |i-j|/(L+1)) r_i r_j J_i^T J_j, L = floor(4 (n/100)^(2/9)): statsmodels' cov_type='HAC' with
maxlags L, the Bartlett kernel and use_correction=False.

The script checks statsmodels against the formula above evaluated directly with numpy, and prints
the largest disagreement. The estimates are settled to about 1e-7 relative (reference_fits.csv),
so compare with a relative tolerance of 1e-5 of sqrt(var_row * var_column).
"""

import csv
import math
import os
import sys

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as rf  # noqa: E402

OUT = os.path.join(HERE, "robust_covariances.csv")
OUT_EDGES = os.path.join(HERE, "robust_covariances_edges.csv")
OUT_OLS = os.path.join(HERE, "robust_bass_ols.csv")
ESTIMATORS = ["hc0", "hc1", "hc2", "hc3", "hac"]


def lags(n):
    """Newey-West's lags for n observations, floor(4 (n/100)^(2/9)), as adopt takes them."""
    return int(math.floor(4 * (n / 100) ** (2 / 9)))


def robust_fit(model, estimator):
    """statsmodels' fit of `model` (an OLS) with the estimator's covariance: HAC with adopt's lags, Bartlett
    kernel, no small-sample correction."""
    if estimator == "hac":
        return model.fit(cov_type="HAC", cov_kwds={"maxlags": lags(model.nobs), "use_correction": False})
    return model.fit(cov_type=estimator.upper())


def reference_estimates():
    """(series, model, data) -> {parameter: estimate} from reference_fits.csv."""
    out = {}
    for r in rf.read_commented_csv(rf.OUT_CSV):
        if r["parameter"] == "rss":
            continue
        out.setdefault((r["series"], r["model"], r["data"]), {})[r["parameter"]] = float(r["estimate"])
    return out


def direct(J, r, estimator):
    n, k = J.shape
    inv = np.linalg.inv(J.T @ J)
    if estimator == "hac":
        g = J * r[:, None]
        meat = g.T @ g
        for lag in range(1, lags(n) + 1):
            w = 1 - lag / (lags(n) + 1)
            meat += w * (g[lag:].T @ g[:-lag] + g[:-lag].T @ g[lag:])
        return inv @ meat @ inv
    h = np.einsum("ij,jk,ik->i", J, inv, J)
    w = {"hc0": r**2, "hc1": r**2 * n / (n - k), "hc2": r**2 / (1 - h), "hc3": r**2 / (1 - h) ** 2}[estimator]
    return inv @ (J.T * w) @ J @ inv


def main():
    np.seterr(over="ignore", invalid="ignore", divide="ignore")
    series = rf.load_series()
    rows = []
    worst = 0.0
    for (name, model, data), est in reference_estimates().items():
        x, y, kind = series[name]
        assert kind == data
        t = rf.periods(x)
        names = rf.MODELS[model][0]
        th = np.array([est[p] for p in names])
        pred, J = rf.predict(model, t, th, data)
        r = y - pred
        for estimator in ESTIMATORS:
            cov = robust_fit(sm.OLS(r, J), estimator).cov_params()
            check = direct(J, r, estimator)
            scale = np.sqrt(np.outer(np.diag(check), np.diag(check)))
            worst = max(worst, float(np.max(np.abs(cov - check) / scale)))
            for a in range(len(names)):
                for b in range(len(names)):
                    rows.append([name, model, data, estimator, names[a], names[b], rf.fmt(cov[a, b])])
    print(f"largest disagreement of statsmodels with the direct formula: {worst:.2e} of sqrt(var_a var_b)")
    with open(OUT, "w", newline="") as f:
        f.write("# Heteroskedasticity-consistent covariances of the reference fits, generated by statsmodels; do not edit by hand.\n")
        f.write(f"# statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/robust_covariance.py\n")
        f.write("# the fits of reference_fits.csv; covariance = statsmodels OLS(residuals, J).fit(cov_type=HC0..HC3, or HAC with maxlags "
                "floor(4 (n/100)^(2/9))).cov_params() at the estimates; compare with a relative tolerance of 1e-5 of sqrt(var_row * var_column)\n")
        f.write(f"# statsmodels agrees with the sandwich formula evaluated directly to {worst:.1e} of sqrt(var_row * var_column)\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "data", "estimator", "row", "column", "covariance"])
        w.writerows(rows)
    write_edges(series)
    write_ols()


def edge_fits(series):
    """(case, names, J, residuals, k counted by adopt) for the two fits with parameters not all free."""
    from scipy.optimize import least_squares
    out = []
    x, y, _ = series["clothes_dryers"]
    t = rf.periods(x)
    q = 0.4

    def dryers(th):
        pred, J = rf.predict("bass", t, [th[0], th[1], q], "per_period")
        return pred - y, J[:, :2]

    fit = least_squares(lambda th: dryers(th)[0], [16000.0, 0.01], jac=lambda th: dryers(th)[1], **rf.LSQ_OPTS)
    fit = least_squares(lambda th: dryers(th)[0], fit.x, jac=lambda th: dryers(th)[1], **rf.LSQ_OPTS)
    r, J = dryers(fit.x)
    out.append(("clothes_dryers_fixed_q", fit.x, J, -r, 2))

    x, y, _ = series["netherlands_car_stock_1965_1989"]
    t = rf.periods(x)

    def dutch(th):
        pred, J = rf.predict("exponential", t, th, "cumulative")
        return pred - y, J

    fit = least_squares(lambda th: dutch(th)[0], [2 * y[-1], 0.05], jac=lambda th: dutch(th)[1], **rf.LSQ_OPTS)
    fit = least_squares(lambda th: dutch(th)[0], fit.x, jac=lambda th: dutch(th)[1], **rf.LSQ_OPTS)
    r, J = dutch(fit.x)
    out.append(("netherlands_bass_on_bound", fit.x, J, -r, 3))
    return out


def write_edges(series):
    rows = []
    for case, th, J, r, k in edge_fits(series):
        n = len(r)
        for estimator in ESTIMATORS:
            if estimator == "hc1" and k != J.shape[1]:
                cov = sm.OLS(r, J).fit(cov_type="HC0").cov_params() * n / (n - k)
            else:
                cov = robust_fit(sm.OLS(r, J), estimator).cov_params()
            for a, na in enumerate(["m", "p"]):
                for b, nb in enumerate(["m", "p"]):
                    rows.append([case, estimator, na, nb, rf.fmt(cov[a, b]), rf.fmt(th[0]), rf.fmt(th[1])])
    with open(OUT_EDGES, "w", newline="") as f:
        f.write("# Heteroskedasticity-consistent covariances of two fits with a parameter fixed or on a bound, generated by "
                "statsmodels; do not edit by hand.\n")
        f.write(f"# statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/robust_covariance.py\n")
        f.write("# clothes_dryers_fixed_q: Bass per period, q fixed at 0.4; netherlands_bass_on_bound: Bass on running totals on "
                "q = 0 (exponential saturation), its HC1 with k = 3 as adopt counts it; m and p the estimates fitted here\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "estimator", "row", "column", "covariance", "m", "p"])
        w.writerows(rows)


def write_ols():
    import bass_ols
    series = {}
    for row in rf.read_commented_csv(os.path.join(rf.SERIES_DIR, "durables.csv")):
        series.setdefault(row["series"], []).append((float(row["year"]), float(row["adopters"])))
    rows = []
    for name, points in series.items():
        y = np.array([v for _, v in sorted(points)])
        lagged = np.concatenate([[0.0], np.cumsum(y)[:-1]])
        design = sm.add_constant(np.column_stack([lagged, lagged ** 2]))
        for estimator in ESTIMATORS:
            fit = robust_fit(sm.OLS(y, design), estimator)
            a, b, c = fit.params
            m, p, q, errors = bass_ols.implied(a, b, c, fit.cov_params)
            rows.append([name, estimator, *map(rf.fmt, fit.bse), *["" if e is None else rf.fmt(e) for e in errors]])
    with open(OUT_OLS, "w", newline="") as f:
        f.write("# Heteroskedasticity-consistent standard errors of the Bass (1969) OLS of the durables; generated by statsmodels, "
                "do not edit by hand.\n")
        f.write(f"# statsmodels {statsmodels.__version__}, numpy {np.__version__}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/robust_covariance.py\n")
        f.write("# OLS(y, [1, Y, Y^2]).fit(cov_type=HC0..HC3, or HAC with maxlags floor(4 (n/100)^(2/9))).bse; m, p, q's by the delta method on cov_params (sympy's gradients)\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "estimator", "a_std_error", "b_std_error", "c_std_error", "m_std_error", "p_std_error", "q_std_error"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
