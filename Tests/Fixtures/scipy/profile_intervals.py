#!/usr/bin/env python3
"""Outside reference profile-likelihood intervals for `adopt fit --profile`, computed with scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/profile_intervals.py

For each fit in FITS (reference_fits.py's conventions, models, starts and solver), and each parameter
j, the profile is S(v) = min over the other parameters, within their domains (LOWER), of the residual
sum of squares with theta_j held at v (scipy least_squares, method='trf' with those bounds and m at most
10^4 x the observed total, adopt's runaway limit; tolerances 1e-15, analytic Jacobian without column j,
each refit started from the last one inside the interval). A refit that comes out above the threshold
is checked by following the profile to v from that last inside point in halved steps (FOLLOW_DEPTH),
whose result replaces it if it is inside and lower by more than rounding: a single refit can stop on
another branch where the other parameters run off along the profile. The Richards curve
is evaluated in logarithms where reference_fits' formula overflows, and at nu = 0 as its limit, the
Gompertz curve (see predict). The interval at `level` is where

    S(v) <= S(theta_hat) + s^2 * t_{n-k, (1+level)/2}^2,   s^2 = S(theta_hat) / (n - k),

i.e. |profile t| <= t quantile (Bates & Watts 1988, section 6.1; R's confint for nls). Each end is
bracketed by stepping out from the estimate in steps of t * se that double, then found with
scipy.optimize.brentq. An upper end of m still inside at the cap, or an end still inside after 2^40
steps, is written as "open"; a lower end still inside at the domain limit as "domain_limit"; a crossing
where the refits on either side of it hold m at the cap as "capped" (the capped model's end, which
without the cap may lie further out or not exist).

A fit is (series, model, holdout). With holdout N > 0 the series' last N observations are dropped
before anything else, as `adopt fit --holdout N` drops them: the fit, its profiles and the cap on m
(10^4 x the total of the observations kept) use only the first n - N observations, and the time origin
stays the first observation. The estimates come from reference_fits.csv where it has the fit (holdout
0); the iPhone's Bass and logistic fits, and the fits in FITTED_HERE, are fitted in this script. Those
in FITTED_HERE are fitted by reference_fits.py's solver from two starts and must pass its acceptance
rules: for a Richards fit, its starts (the logistic and Gompertz solutions fitted here on the same
observations); for a Bass fit to cumulative data, which reference_fits.py does not make, this script's
own start, the Bass OLS start on the per-period increments (the first from zero), with the fallback
m = 2 x the last value. They are not polished as reference_fits.py's are: the two starts' solutions
agree to 3e-7 relative or better, which the comparison's tolerance (1e-6 of an interval's width) allows.

Writes profile_intervals.csv next to this script; its `holdout` column is N (0: every observation).
"""

import csv
import os
import sys

import numpy as np
import scipy
from scipy import stats as sps
from scipy.optimize import brentq, least_squares
from scipy.special import expit

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
FITS = [(series, model, 0) for series, model in FITS]
# Fits not in reference_fits.csv, fitted here: Richards on colour TV and foreign language, and fits
# without the last two observations (adopt fit --holdout 2).
FITTED_HERE = [("color_tv", "richards", 0), ("foreign_language", "richards", 0),
               ("color_tv", "richards", 2), ("foreign_language", "richards", 2),
               ("us_cable_tv_subscribers_cumulative", "bass", 2), (IPHONE, "richards", 2)]
# A fit adopt reports as not identified but that stopped at a minimum, fitted here with the acceptance
# rules about identification (m at most 50 x the observed total, standard errors within 10 x the
# estimates) waived; the two starts must still agree and the solver succeed: Gompertz on the iPhone's
# first 14 quarters (adopt fit --holdout 9), whose market potential the data bound from below only.
NOT_IDENTIFIED_HERE = [(IPHONE, "gompertz", 9)]
FITTED_HERE += NOT_IDENTIFIED_HERE
FITS += FITTED_HERE
# adopt's runaway limit: a market potential is followed to at most 10^4 x the observed total.
RUNAWAY = 1e4
LEVELS = [0.95, 0.8]
# The models' domains (adopt's lowerLimits): an end that reaches one still inside is that limit.
LOWER = {"bass": [0.0, 0.0, 0.0], "logistic": [0.0, 0.0, -np.inf], "gompertz": [0.0, 0.0, -np.inf],
         "richards": [0.0, 0.0, -np.inf, 0.0]}
# A refit judged outside is checked by following the profile to it in steps of 1/2, 1/4, ...,
# 1/2^FOLLOW_DEPTH of the way from the last inside point: one refit from there can stop on another
# branch where the other parameters run off along the profile (Richards' k and nu grow without bound
# as the curve steepens towards a step).
FOLLOW_DEPTH = 6
# Refits keep the other parameters in their domains: scipy's bounded trust-region method.
BOUNDED_OPTS = dict(method="trf", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000, x_scale="jac")


def reference_estimates():
    """(series, model, 0) -> estimates from reference_fits.csv."""
    out = {}
    with open(os.path.join(HERE, "reference_fits.csv")) as f:
        rows = [r for r in csv.DictReader(ln for ln in f if not ln.startswith("#"))]
    for r in rows:
        if r["parameter"] != "rss":
            out.setdefault((r["series"], r["model"], 0), []).append(float(r["estimate"]))
    return out


def observed_total(y, kind):
    return np.sum(y) if kind == "per_period" else y[-1]


def fit_here(model, t, y, kind, identified=True):
    """Estimates of `model` on (t, y) from reference_fits' two starts and solver, which must agree
    and pass its acceptance rules (those about identification waived when not `identified`)."""
    cache = {}
    if model == "richards":
        # Richards starts from the logistic and Gompertz solutions on the same observations.
        for shape in ("logistic", "gompertz"):
            if fit_accepted(shape, t, y, kind, *ref.starts_for(shape, t, y, kind, cache), cache) is None:
                print(f"    {shape} not accepted: Richards starts from the generic start instead")
    if model == "bass" and kind == "cumulative":
        # The Bass OLS start on the per-period increments (the first from zero).
        ols, _ = ref.bass_ols_start(np.diff(y, prepend=0.0))
        fallback = np.array([2.0 * y[-1], 0.01, 0.4])
        starts = (ols, fallback) if ols is not None else (fallback, np.array([1.5 * y[-1], 0.03, 0.38]))
    else:
        starts = ref.starts_for(model, t, y, kind, cache)
    theta = fit_accepted(model, t, y, kind, *starts, cache, identified)
    if theta is None:
        raise RuntimeError(f"{model} fit not accepted")
    return theta


def fit_accepted(model, t, y, kind, start, second, cache, identified=True):
    """The fit from `start` if it passes reference_fits' acceptance rules (the fit from `second`
    agreeing; without the rules about identification when not `identified`), else None; an
    accepted fit is kept in `cache` under the model."""
    res, _ = ref.solve(model, t, y, kind, start)
    res2, _ = ref.solve(model, t, y, kind, second)
    rss, se, cond, _ = ref.stats(model, t, y, kind, res.x)
    agree = ref.max_rel(res.x, res2.x)
    why = ref.accept(model, res.x, se, cond, observed_total(y, kind), agree, res)
    if not identified:
        why = [w for w in why if "runs off to infinity" not in w and "(not identified)" not in w]
    print(f"    {model} fitted here: {', '.join(f'{v:.10g}' for v in res.x)}, the second start agrees to {agree:.2g}"
          + (", NOT ACCEPTED: " + "; ".join(why) if why else ""))
    if why:
        return None
    cache[model] = res.x
    return res.x


def richards_in_logs(t, th):
    """Richards' N and dN/dtheta (reference_fits' richards_N, richards_dN) from ln u = -k(t - t0):
    for nu > 0 from a = ln(nu u), ln(1 + nu u) = ln(1 + e^a) and u/(1 + nu u) = expit(a)/nu, finite
    where u or nu u overflows; at nu = 0 the limit, the Gompertz curve m e^{-u} with dN/dnu = N u^2/2."""
    m, k, t0, nu = th
    log_u = -k * (t - t0)
    if nu == 0:
        R = np.exp(-np.exp(log_u))
        Nu = m * np.exp(log_u - np.exp(log_u))
        return m * R, np.column_stack([R, Nu * (t - t0), -Nu * k, 0.5 * m * np.exp(2 * log_u - np.exp(log_u))])
    a = np.log(nu) + log_u
    log_b = np.logaddexp(0.0, a)
    share = expit(a)
    R = np.exp(-log_b / nu)
    N = m * R
    return N, np.column_stack([R, N * (t - t0) * share / nu, -N * k * share / nu, N * (log_b - share) / nu**2])


def predict(model, t, th, kind):
    """reference_fits' predict, except where its Richards value or gradient is not finite (e^{-k(t - t0)}
    or nu e^{-k(t - t0)} overflowed, so the value has underflowed to 0 and the gradient is 0 x inf; or
    nu = 0, ln(1 + nu u)/nu = 0/0): those points are taken from richards_in_logs, so a profile that
    reaches a steep Richards curve, or nu's domain limit (the Gompertz curve), refits it there."""
    value, grad = ref.predict(model, t, th, kind)
    if model != "richards" or (np.all(np.isfinite(value)) and np.all(np.isfinite(grad))):
        return value, grad
    n_now, d_now = richards_in_logs(t, th)
    if kind == "per_period":
        n_before, d_before = richards_in_logs(t - 1.0, th)
        n_now, d_now = n_now - n_before, d_now - d_before
    bad = ~(np.isfinite(value) & np.all(np.isfinite(grad), axis=1))
    value, grad = value.copy(), grad.copy()
    value[bad], grad[bad] = n_now[bad], d_now[bad]
    return value, grad


def profile_end(model, t, y, kind, theta, j, direction, step, threshold, limit, cap):
    """(kind, value): ("crossing", v), ("domain_limit", limit) or ("open", None); `cap` bounds the
    market potential m (parameter 0) from above in every refit, as adopt's runaway limit does."""
    upper = np.full(len(theta), np.inf)
    upper[0] = cap
    bounds = (np.delete(LOWER[model], j), np.delete(upper, j))

    def refit(v, start):
        """(S(v), the other parameters) by a refit from `start`."""
        def fun(z):
            return predict(model, t, np.insert(z, j, v), kind)[0] - y

        def jac(z):
            return np.delete(predict(model, t, np.insert(z, j, v), kind)[1], j, axis=1)

        start = np.minimum(np.maximum(start, bounds[0]), bounds[1])
        if not np.all(np.isfinite(jac(start))):
            # At a domain limit where the model degenerates (Bass with p = 0 is zero whatever
            # m and q) the Jacobian is not finite and there is nothing to refit.
            r = fun(start)
            return float(r @ r), start
        res = least_squares(fun, start, jac=jac, bounds=bounds, **BOUNDED_OPTS)
        res = least_squares(fun, res.x, jac=jac, bounds=bounds, **BOUNDED_OPTS)
        if not res.success:
            raise RuntimeError(f"refit failed at {v}")
        return float(res.fun @ res.fun), res.x

    def follow(v0, z0, v, depth):
        """The refit at v from the solution z0 at v0; if it is outside, the profile is followed from
        v0 to v by halving the step, at most `depth` times, each refit started from the last inside
        one, and an inside solution found so replaces it if its S is lower by more than rounding."""
        s, z = refit(v, z0)
        if s < threshold or depth == 0 or v == v0:
            return s, z
        mid = 0.5 * (v0 + v)
        s_mid, z_mid = follow(v0, z0, mid, depth - 1)
        if not s_mid < threshold:
            return s, z
        s_path, z_path = follow(mid, z_mid, v, depth - 1)
        return (s_path, z_path) if s_path < threshold and s - s_path > 1e-9 * threshold else (s, z)

    # Every refit starts from the solution at the last inside point (at first the estimate).
    anchor = [theta[j], np.delete(theta, j)]

    def at_cap(z):
        """Whether a refit of the other parameters (z, without j) holds m at the cap."""
        return j != 0 and z[0] >= cap * (1 - 1e-7)

    def excess(v):
        s, z = follow(anchor[0], anchor[1], v, FOLLOW_DEPTH)
        h = s - threshold
        if h < 0:
            anchor[0], anchor[1] = v, z
        return h

    inside, width = theta[j], step
    for _ in range(40):
        v = theta[j] + direction * width
        last = direction * (v - limit) >= 0
        if last:
            v = limit
        if excess(v) >= 0:
            root = brentq(excess, *sorted((inside, v)), xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
            # A crossing where the refit holds m at the cap (just inside or just outside it) is the
            # capped model's: "capped".
            step_in = 1e-9 * max(abs(root), 1e-300)
            near = [follow(anchor[0], anchor[1], root + d, FOLLOW_DEPTH)[1] for d in (-step_in, step_in)]
            return ("capped" if any(at_cap(z) for z in near) else "crossing"), root
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
        estimates[(IPHONE, model, 0)] = list(res.x)
    rows = []
    for series, model, holdout in FITS:
        x, y, kind = data[series]
        # adopt fit --holdout N: the last N observations are not fitted.
        x, y = x[:len(x) - holdout], y[:len(y) - holdout]
        t = ref.periods(x)
        if (series, model, holdout) in FITTED_HERE:
            print(f"{series} {model} holdout {holdout} (n = {len(y)})")
            estimates[(series, model, holdout)] = list(
                fit_here(model, t, y, kind, identified=(series, model, holdout) not in NOT_IDENTIFIED_HERE))
        theta = np.array(estimates[(series, model, holdout)])
        cap = RUNAWAY * observed_total(y, kind)
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
                print(f"{series} {model} holdout {holdout} {level} {name}: estimate {theta[j]:.8g}, "
                      f"Wald {theta[j] - tq * se[j]:.8g} .. {theta[j] + tq * se[j]:.8g}, profile {low} .. {high}")
                rows.append([series, model, kind, holdout, repr(level), name,
                             low[0], "" if low[1] is None else ref.fmt(low[1]),
                             high[0], "" if high[1] is None else ref.fmt(high[1])])
    with open(OUT_CSV, "w", newline="") as f:
        f.write("# Reference profile-likelihood intervals (--profile) for adopt, generated by scipy;"
                " do not edit by hand.\n")
        f.write(f"# scipy {scipy.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/profile_intervals.py\n")
        f.write("# holdout N: fitted and profiled without the series' last N observations, as adopt fit --holdout N"
                " (0: every observation)\n")
        f.write("# ends where S(v) = S + s^2 t^2 with the other parameters refitted (estimates from"
                " reference_fits.csv, or fitted by the script from its starts and solver); kind 'crossing',"
                " 'domain_limit' (still inside at the model's domain limit, the value), 'capped' (a crossing where the"
                " refits hold m at 10^4 x the observed total, the value) or 'open' (m still inside at"
                " 10^4 x the observed total, or no crossing within 2^40 half-widths); m is at most 10^4 x the observed"
                " total (of the observations fitted) in every refit; the estimates are settled to about 1e-7 relative"
                " (those fitted by the script: its two starts agree to 3e-7 or better):"
                " compare with a relative tolerance of 1e-6 of the interval's width\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "data", "holdout", "level", "parameter", "low_kind", "low", "high_kind", "high"])
        w.writerows(rows)
    print(f"wrote {os.path.relpath(OUT_CSV, os.getcwd())}")


if __name__ == "__main__":
    main()
