#!/usr/bin/env python3
"""Outside reference fits for the adopt toolkit, computed with scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/reference_fits.py

Reads only Data/series/*.csv and writes reference_fits.csv next to this script.
Diagnostics (convergence, agreement between two starts, dropped fits) go to stdout.

Conventions (see README.md in this folder; the Swift tests rely on them EXACTLY):

* Time: x_i (years) sorted ascending, t_i = x_i - x_1 + 1, so the first observation is period 1 and
  launch (t = 0) is the start of the first observed period.
* Cumulative models N(t):
    bass        (m, p, q):      m*(1-exp(-(p+q)t)) / (1+(q/p)*exp(-(p+q)t))
    exponential (m, p):         m*(1-exp(-p t))
    logistic    (m, k, t0):     m / (1+exp(-k(t-t0)))
    gompertz    (m, k, t0):     m*exp(-exp(-k(t-t0)))
    richards    (m, k, t0, nu): m*(1+nu*exp(-k(t-t0)))^(-1/nu)
* per_period data: predicted y_i = N(t_i) - N(t_i - 1) (Srinivasan & Mason 1986 interval form);
  cumulative data: predicted y_i = N(t_i).
* Unweighted residuals r_i = predicted_i - y_i, analytic Jacobian,
  scipy.optimize.least_squares(method='lm', xtol=ftol=gtol=1e-15, max_nfev=100000, x_scale='jac'),
  restarted once from its own solution; a second, different start must reach the same optimum.
* Standard errors: sigma^2 = RSS/(n-k), cov = sigma^2 (J^T J)^-1 at the solution, via the SVD of J.

Which fits are attempted, and the acceptance rules for a "clean interior optimum", are in FITS and
`accept()` below.  A fit that fails them is NOT written; it is listed as a '# dropped' comment line
in the CSV header and in stdout instead.  With the data as committed, four fits are dropped:
  - exponential per_period on room_air_conditioners and on clothes_dryers: per-period exponential
    sales m*exp(-p t)*(exp(p)-1) are strictly decreasing while both series rise, so the optimum runs
    off to p -> 0, m -> infinity (no interior optimum);
  - richards cumulative on netherlands_car_stock_1965_1989: nu = -0.020 with se(nu) = 0.33, i.e. the
    Gompertz limit nu -> 0; nu is not identified (the Gompertz fit is kept);
  - gompertz cumulative on us_cable_tv_subscribers_cumulative: m runs off to ~4e9 (86 x the last
    observation, se(m) > m); the series has not bent over yet.

Accuracy: the least_squares solution with ftol = 1e-15 settles the parameters only to about 1e-7
relative (the cost is flat to rounding near the optimum).  As a diagnostic, the script also runs plain
Gauss-Newton steps from the LM solution and prints how far they move it; the CSV holds the LM solution.
"""

import csv
import math
import os
import sys

import numpy as np
import scipy
from scipy.optimize import least_squares
from scipy.special import expit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SERIES_DIR = os.path.join(ROOT, "Data", "series")
OUT_CSV = os.path.join(HERE, "reference_fits.csv")
OUT_COV_CSV = os.path.join(HERE, "reference_covariances.csv")

LSQ_OPTS = dict(method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000, x_scale="jac")

DURABLES = ["room_air_conditioners", "color_tv", "clothes_dryers", "ultrasound", "mammography",
            "foreign_language", "accelerated_program"]
DURABLE_FILES = {
    "room_air_conditioners": "room_air_conditioners_1949_1961.csv",
    "color_tv": "color_tv_1963_1970.csv",
    "clothes_dryers": "clothes_dryers_1949_1961.csv",
    "ultrasound": "ultrasound_1965_1978.csv",
    "mammography": "mammography_1965_1978.csv",
    "foreign_language": "foreign_language_1952_1963.csv",
    "accelerated_program": "accelerated_program_1952_1963.csv",
}


# ----------------------------------------------------------------------------------------------
# Data


def read_commented_csv(path):
    """Rows (as dicts of strings) of a CSV whose leading lines may be '#' comments."""
    with open(path, newline="") as f:
        lines = [ln for ln in f if not ln.startswith("#") and ln.strip()]
    return list(csv.DictReader(lines))


def xy_sorted(xs, ys):
    order = np.argsort(np.asarray(xs, dtype=float), kind="stable")
    x = np.asarray(xs, dtype=float)[order]
    y = np.asarray(ys, dtype=float)[order]
    return x, y


def load_series():
    """name -> (x years, y values, data kind)."""
    out = {}
    durables = read_commented_csv(os.path.join(SERIES_DIR, "durables.csv"))
    for name in DURABLES:
        rows = [r for r in durables if r["series"] == name]
        x, y = xy_sorted([r["year"] for r in rows], [r["adopters"] for r in rows])
        # Cross-check against the individual source file (durables.csv must be a faithful copy).
        single = read_commented_csv(os.path.join(SERIES_DIR, DURABLE_FILES[name]))
        x1, y1 = xy_sorted([r["year"] for r in single], [r["value"] for r in single])
        if not (np.array_equal(x, x1) and np.array_equal(y, y1)):
            sys.exit(f"durables.csv disagrees with {DURABLE_FILES[name]}")
        out[name] = (x, y, "per_period")

    name = "us_answering_machines_sales_1982_1990"
    rows = read_commented_csv(os.path.join(SERIES_DIR, name + ".csv"))
    out[name] = xy_sorted([r["year"] for r in rows], [r["value"] for r in rows]) + ("per_period",)

    # Cumulative series.  Netherlands: column 'value' = raw car stock (thousands); the 'smoothed'
    # column is not used.  Cable TV: column 'value' = cumulative subscribers (persons/households).
    for name in ["netherlands_car_stock_1965_1989", "us_cable_tv_subscribers_cumulative"]:
        rows = read_commented_csv(os.path.join(SERIES_DIR, name + ".csv"))
        out[name] = xy_sorted([r["year"] for r in rows], [r["value"] for r in rows]) + ("cumulative",)
    return out


def periods(x):
    return x - x[0] + 1.0


# ----------------------------------------------------------------------------------------------
# Models: value N(t; theta) and gradient dN/dtheta (shape (len(t), k)).


def bass_N(t, th):
    m, p, q = th
    e = np.exp(-(p + q) * t)
    return m * (1.0 - e) / (1.0 + (q / p) * e)


def bass_dN(t, th):
    m, p, q = th
    e = np.exp(-(p + q) * t)
    r = q / p
    den = 1.0 + r * e
    F = (1.0 - e) / den
    # dF/dtheta = [-(1+r) dE - (1-E) E dr] / (1+rE)^2 with dE/dp = dE/dq = -t E,
    # dr/dp = -q/p^2, dr/dq = 1/p.
    common = t * e * (1.0 + r)
    dFdp = (common + (1.0 - e) * e * q / p**2) / den**2
    dFdq = (common - (1.0 - e) * e / p) / den**2
    return np.column_stack([F, m * dFdp, m * dFdq])


def expo_N(t, th):
    m, p = th
    return -m * np.expm1(-p * t)


def expo_dN(t, th):
    m, p = th
    e = np.exp(-p * t)
    return np.column_stack([-np.expm1(-p * t), m * t * e])


def logistic_N(t, th):
    m, k, t0 = th
    return m * expit(k * (t - t0))


def logistic_dN(t, th):
    m, k, t0 = th
    L = expit(k * (t - t0))
    g = L * (1.0 - L)
    return np.column_stack([L, m * (t - t0) * g, -m * k * g])


def gompertz_N(t, th):
    m, k, t0 = th
    return m * np.exp(-np.exp(-k * (t - t0)))


def gompertz_dN(t, th):
    m, k, t0 = th
    u = np.exp(-k * (t - t0))
    G = np.exp(-u)
    return np.column_stack([G, m * G * u * (t - t0), -m * G * u * k])


def richards_N(t, th):
    m, k, t0, nu = th
    u = np.exp(-k * (t - t0))
    return m * np.exp(-np.log1p(nu * u) / nu)


def richards_dN(t, th):
    m, k, t0, nu = th
    u = np.exp(-k * (t - t0))
    B = 1.0 + nu * u
    R = np.exp(-np.log1p(nu * u) / nu)
    N = m * R
    dk = N * u * (t - t0) / B
    dt0 = -N * u * k / B
    dnu = N * (np.log1p(nu * u) / nu**2 - u / (nu * B))
    return np.column_stack([R, dk, dt0, dnu])


MODELS = {
    "bass": (["m", "p", "q"], bass_N, bass_dN),
    "exponential": (["m", "p"], expo_N, expo_dN),
    "logistic": (["m", "k", "t0"], logistic_N, logistic_dN),
    "gompertz": (["m", "k", "t0"], gompertz_N, gompertz_dN),
    "richards": (["m", "k", "t0", "nu"], richards_N, richards_dN),
}


def predict(model, t, th, data):
    _, N, dN = MODELS[model]
    th = np.asarray(th, dtype=float)
    if data == "per_period":
        return N(t, th) - N(t - 1.0, th), dN(t, th) - dN(t - 1.0, th)
    return N(t, th), dN(t, th)


# ----------------------------------------------------------------------------------------------
# Starts


def bass_ols_start(y):
    """Bass (1969) OLS: y_t = b0 + b1 Y_{t-1} + b2 Y_{t-1}^2, Y_0 = 0.  None if unusable."""
    Y = np.concatenate([[0.0], np.cumsum(y)[:-1]])
    X = np.column_stack([np.ones_like(Y), Y, Y**2])
    (b0, b1, b2), *_ = np.linalg.lstsq(X, y, rcond=None)
    disc = b1 * b1 - 4.0 * b0 * b2
    if b2 >= 0 or disc < 0:
        return None, (b0, b1, b2)
    m = (-b1 - math.sqrt(disc)) / (2.0 * b2)
    if not m > 0:
        return None, (b0, b1, b2)
    p = b0 / m
    q = p + b1
    # Consistency check: for a root m of b2 m^2 + b1 m + b0 = 0, q = p + b1 equals -b2 m.
    q_alt = -b2 * m
    if abs(q - q_alt) > 1e-8 * max(abs(q), abs(q_alt)):
        print(f"    WARNING: OLS q = p+b1 = {q!r} but -b2*m = {q_alt!r}")
    if not (p > 0 and q > 0 and m >= np.sum(y)):
        return None, (b0, b1, b2)
    return np.array([m, p, q]), (b0, b1, b2)


def s_curve_starts(t, y, data):
    """Two different (m, k, t0) starts for logistic/gompertz."""
    cum = np.cumsum(y) if data == "per_period" else y
    top = cum[-1]
    if data == "per_period":
        t_peak = t[int(np.argmax(y))] - 0.5
    else:
        # time at which the series crosses half of 1.5*max (may lie beyond the data)
        half = 0.75 * top
        idx = int(np.argmin(np.abs(y - half)))
        t_peak = t[idx]
    s1 = np.array([1.5 * top, 0.5, t_peak])
    s2 = np.array([2.5 * top, 0.25, t[-1]])
    return s1, s2


# ----------------------------------------------------------------------------------------------
# Fitting


def solve(model, t, y, data, x0):
    def fun(th):
        return predict(model, t, th, data)[0] - y

    def jac(th):
        return predict(model, t, th, data)[1]

    first = least_squares(fun, x0, jac=jac, **LSQ_OPTS)
    second = least_squares(fun, first.x, jac=jac, **LSQ_OPTS)  # restart from the solution
    return second, first


def stats(model, t, y, data, th):
    pred, J = predict(model, t, th, data)
    r = pred - y
    rss = float(r @ r)
    n, k = J.shape
    sigma2 = rss / (n - k)
    U, s, Vt = np.linalg.svd(J, full_matrices=False)
    cov = sigma2 * (Vt.T / s**2) @ Vt
    se = np.sqrt(np.diag(cov))
    # condition number of the column-normalised Jacobian (invariant to the units of the parameters)
    sn = np.linalg.svd(J / np.linalg.norm(J, axis=0), compute_uv=False)
    cond = sn[0] / sn[-1]
    grad = J.T @ r
    return rss, se, cond, grad


def covariance(model, t, y, data, th):
    """RSS/(n-k) * inv(J^T J) at th, from the SVD of J (as in stats)."""
    pred, J = predict(model, t, th, data)
    r = pred - y
    n, k = J.shape
    _, s, Vt = np.linalg.svd(J, full_matrices=False)
    return float(r @ r) / (n - k) * (Vt.T / s**2) @ Vt


def gauss_newton_polish(model, t, y, data, th, iters=50):
    """Diagnostic only (the CSV holds the least_squares solution): plain Gauss-Newton steps from the
    LM solution, to estimate how many digits of the LM estimates are settled."""
    th = np.array(th, dtype=float)
    pred, J = predict(model, t, th, data)
    r = pred - y
    rss = r @ r
    for _ in range(iters):
        D = np.linalg.norm(J, axis=0)
        step = np.linalg.lstsq(J / D, -r, rcond=None)[0] / D
        cand = th + step
        pred2, J2 = predict(model, t, cand, data)
        r2 = pred2 - y
        if not np.isfinite(r2 @ r2) or r2 @ r2 > rss * (1.0 + 1e-13):
            break
        th, J, r, rss = cand, J2, r2, r2 @ r2
        if np.max(np.abs(step) / np.abs(th)) < 1e-16:
            break
    return th


def jacobian_check(model, t, data, th):
    """Max relative difference between the analytic Jacobian and central differences."""
    _, J = predict(model, t, th, data)
    Jn = np.empty_like(J)
    for j in range(len(th)):
        h = 1e-6 * max(abs(th[j]), 1e-8)
        a, b = np.array(th, dtype=float), np.array(th, dtype=float)
        a[j] += h
        b[j] -= h
        Jn[:, j] = (predict(model, t, a, data)[0] - predict(model, t, b, data)[0]) / (2 * h)
    return float(np.max(np.abs(J - Jn) / np.max(np.abs(J), axis=0)))


def max_rel(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a), np.abs(b))))


def accept(model, th, se, cond, ytot, agree, res):
    """Reasons why a fit is not a clean interior optimum ([] = accepted)."""
    why = []
    if not res.success or res.status <= 0:
        why.append(f"solver status {res.status} ({res.message})")
    if not np.all(np.isfinite(th)) or not np.all(np.isfinite(se)):
        why.append("non-finite estimate or standard error")
        return why
    m = th[0]
    if not m > 0:
        why.append("m <= 0")
    if m > 50.0 * ytot:
        why.append(f"m = {m:.6g} > 50 x observed total (runs off to infinity)")
    if model == "bass" and not (th[1] > 0 and th[2] > 0):
        why.append("p or q not positive")
    if model == "exponential" and not th[1] > 0:
        why.append("p not positive")
    if model in ("logistic", "gompertz", "richards") and not th[1] > 0:
        why.append("k not positive")
    if model == "richards" and not th[3] > 0:
        why.append("nu not positive")
    if cond > 1e8:
        why.append(f"column-normalised Jacobian condition number {cond:.3g} > 1e8 (flat / ill-posed)")
    if agree > 1e-6:
        why.append(f"second start disagrees (max rel {agree:.3g})")
    names = MODELS[model][0]
    for nm, v, e in zip(names, th, se):
        # t0 is a location (its size depends on the time origin), so it is not tested here
        if nm != "t0" and e > 10.0 * abs(v):
            why.append(f"se({nm}) = {e:.3g} exceeds 10x |{nm}| = {abs(v):.3g} (not identified)")
    return why


def starts_for(model, t, y, data, cache):
    """(first start, second start) for this model and series."""
    if model == "bass":
        ols, b = bass_ols_start(y)
        fallback = np.array([2.0 * np.sum(y), 0.01, 0.4])
        if ols is None:
            print(f"    Bass OLS start unusable (b0={b[0]:.9g} b1={b[1]:.9g} b2={b[2]:.9g}: needs b2 < 0, "
                  f"a real root m >= sum(y), p > 0, q > 0); using fallback p=0.01, q=0.4, m=2*sum")
            return fallback, np.array([1.5 * np.sum(y), 0.03, 0.38])
        print(f"    Bass OLS start: b0={b[0]:.9g} b1={b[1]:.9g} b2={b[2]:.9g} -> "
              f"m={ols[0]:.9g} p={ols[1]:.9g} q={ols[2]:.9g}")
        return ols, fallback
    if model == "exponential":
        tot = np.sum(y) if data == "per_period" else y[-1]
        return np.array([1.5 * tot, 0.2]), np.array([3.0 * tot, 0.05])
    if model in ("logistic", "gompertz"):
        return s_curve_starts(t, y, data)
    if model == "richards":
        # start 1: from the logistic solution (nu = 1 is the logistic); start 2: near Gompertz (nu -> 0)
        lg = cache.get("logistic")
        gp = cache.get("gompertz")
        s1 = np.append(lg, 1.0) if lg is not None else None
        s2 = np.append(gp, 0.1) if gp is not None else None
        if s1 is None or s2 is None:
            a, b = s_curve_starts(t, y, data)
            s1 = np.append(a, 1.0) if s1 is None else s1
            s2 = np.append(b, 0.3) if s2 is None else s2
        return s1, s2
    raise ValueError(model)


FITS = (
    [(s, "bass") for s in DURABLES]
    + [("us_answering_machines_sales_1982_1990", "bass")]
    + [(s, m) for s in ("room_air_conditioners", "clothes_dryers")
       for m in ("logistic", "gompertz", "exponential")]
    + [(s, m) for s in ("netherlands_car_stock_1965_1989", "us_cable_tv_subscribers_cumulative")
       for m in ("logistic", "gompertz", "richards")]
)


def fmt(v):
    return format(float(v), ".17g")


def main():
    np.seterr(over="ignore", invalid="ignore", divide="ignore")
    data = load_series()
    rows, cov_rows, dropped, cache = [], [], [], {}
    worst = worst_polish = worst_rss = 0.0
    for series, model in FITS:
        x, y, kind = data[series]
        t = periods(x)
        names = MODELS[model][0]
        print(f"{series} / {model} / {kind}  (n={len(y)}, t=1..{t[-1]:g})")
        s1, s2 = starts_for(model, t, y, kind, cache.setdefault(series, {}))
        res, first = solve(model, t, y, kind, s1)
        res2, _ = solve(model, t, y, kind, s2)
        th = res.x
        rss, se, cond, grad = stats(model, t, y, kind, th)
        rss2 = stats(model, t, y, kind, res2.x)[0]
        agree = max_rel(th, res2.x)
        polished = gauss_newton_polish(model, t, y, kind, th)
        settled = max_rel(th, polished)
        restart_shift = max_rel(first.x, th)
        jac_err = jacobian_check(model, t, kind, th)
        ytot = np.sum(y) if kind == "per_period" else y[-1]
        why = accept(model, th, se, cond, ytot, agree, res)
        print(f"    estimate {dict(zip(names, (f'{v:.10g}' for v in th)))}  rss={rss:.12g}")
        print(f"    se       {dict(zip(names, (f'{v:.6g}' for v in se)))}")
        print(f"    nfev={first.nfev}+{res.nfev} status={res.status} cond(J)={cond:.3g} "
              f"|J^T r|={np.max(np.abs(grad)):.3g} restart shift={restart_shift:.3g} "
              f"Jacobian vs finite differences={jac_err:.2g}")
        print(f"    Gauss-Newton polish of the LM solution moves it by max relative {settled:.3g}")
        print(f"    second start {dict(zip(names, (f'{v:.6g}' for v in s2)))} -> rss={rss2:.12g}, "
              f"max relative disagreement with first start = {agree:.3g}")
        if why:
            msg = f"{series},{model},{kind}: " + "; ".join(why)
            print("    DROPPED: " + "; ".join(why))
            dropped.append(msg)
            continue
        worst = max(worst, agree)
        worst_polish = max(worst_polish, settled)
        worst_rss = max(worst_rss, abs(rss - rss2) / rss)
        cache[series][model] = th
        for nm, est, err in zip(names, th, se):
            rows.append([series, model, kind, nm, fmt(est), fmt(err)])
        rows.append([series, model, kind, "rss", fmt(rss), ""])
        cov = covariance(model, t, y, kind, th)
        for a, row_name in enumerate(names):
            for b, column_name in enumerate(names):
                cov_rows.append([series, model, kind, row_name, column_name, fmt(cov[a, b])])

    print(f"\naccepted fits: {len({(r[0], r[1]) for r in rows})}, dropped: {len(dropped)}")
    print(f"max relative disagreement between the two starts over accepted fits: {worst:.3g}")
    print(f"max relative change from a Gauss-Newton polish over accepted fits: {worst_polish:.3g}")
    print(f"max relative RSS difference between the two starts over accepted fits: {worst_rss:.3g}")

    with open(OUT_CSV, "w", newline="") as f:
        f.write("# Reference nonlinear least-squares fits for adopt, generated by scipy; do not edit by hand.\n")
        f.write(f"# scipy {scipy.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/reference_fits.py\n")
        f.write("# t_i = year_i - year_1 + 1; per_period: y_i = N(t_i) - N(t_i - 1); cumulative: y_i = N(t_i);"
                " unweighted LM (xtol=ftol=gtol=1e-15, x_scale='jac', analytic Jacobian);"
                " std_error = sqrt(diag(RSS/(n-k) * inv(J^T J))); rss row has no std_error\n")
        f.write(f"# estimates are least_squares solutions, settled to about {max(worst, worst_polish):.1g} relative"
                " (max over fits of the disagreement between two starts and of the shift under a"
                " Gauss-Newton polish): compare with a relative tolerance of 1e-6 or looser\n")
        for d in dropped:
            f.write(f"# dropped (not a clean interior optimum): {d}\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "data", "parameter", "estimate", "std_error"])
        w.writerows(rows)
    print(f"wrote {os.path.relpath(OUT_CSV, os.getcwd())}")

    with open(OUT_COV_CSV, "w", newline="") as f:
        f.write("# Covariances of the reference fits' estimates, generated by scipy; do not edit by hand.\n")
        f.write(f"# scipy {scipy.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/reference_fits.py\n")
        f.write("# the fits of reference_fits.csv; covariance = RSS/(n-k) * inv(J^T J) at the estimates (SVD of J);"
                " compare with a relative tolerance of 1e-5 of sqrt(var_row * var_column)\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "data", "row", "column", "covariance"])
        w.writerows(cov_rows)
    print(f"wrote {os.path.relpath(OUT_COV_CSV, os.getcwd())}")


if __name__ == "__main__":
    main()
