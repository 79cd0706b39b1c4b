#!/usr/bin/env python3
"""Audit of adopt's fits against a multi-start least-squares search in scipy: is there a lower RSS
than the one adopt reports, and where?

    python3 Benchmarks/audit_minima.py --adopt .build/release/adopt --hard /tmp/hard.csv \\
        --cumulative /tmp/hard_cum.csv --long /tmp/long.csv --out DIR \\
        [--corpora hard,cum,long] [--models bass,logistic,gompertz,richards,exponential] [--limit N]
    python3 Benchmarks/audit_minima.py --json-dir JSONDIR --hard ... --out DIR     (adopt not run)
    python3 Benchmarks/audit_minima.py --table DIR/audit.csv [OTHER.csv ...]         (table only)

Run from the repository root. The data come from
`python3 Benchmarks/gen_hard_series.py --out /tmp/hard.csv --cumulative-out /tmp/hard_cum.csv` (corpora
`hard`: series,t,y per period; `cum`: series,t,total as running totals) and
`python3 Benchmarks/gen_long_series.py --out /tmp/long.csv` (corpus `long`: series,day,sales). Only the
files of the corpora asked for are needed. Needs numpy and scipy.

For each corpus x model the script runs
`adopt fit --data FILE --x t --y y --series series --model MODEL --format json` (`--x t --y total
--series series --cumulative` for `cum`, `--x day --y sales --series series` for `long`) into
DIR/CORPUS-MODEL.json, or with `--json-dir` reads JSONDIR/CORPUS-MODEL.json made so before. Then, for
every fit:

  1. it rebuilds the model's time t = x - launch + 1 and recomputes adopt's RSS at adopt's estimates
     (column adopt_rss_check_rel; a check that the models below are adopt's);
  2. it profiles m out (the curves are linear in m, m >= 0) on a grid of the other parameters and takes
     up to 6 grid starts (4 on the long series) that are apart from each other, the best grid point for
     m fixed at 1, 2, 5 and 20 times the observed total, and adopt's own estimate;
  3. it runs scipy.optimize.least_squares (trf, bounds = the model's domain with m below 1e9 times the
     total and the Richards nu below 1e6, analytic Jacobian, x_scale='jac', xtol = ftol = gtol = 1e-15)
     from every start for 150 evaluations (120 on the long series), continues the best two unfinished
     runs for 1,200 (600), and polishes the best with MINPACK's lm, kept only if it stays in the domain
     and is lower;
  4. it describes the best point found: on a bound or cap, interior (no bound, no cap, m below 20 times
     the total), scaled condition number and relative standard errors.

Flags (columns flag_conv, flag_ni): a converged or at_bound fit with a lower RSS found, and a
not_identified fit with a lower RSS found at an interior point, both when the RSS found is lower by more
than 1e-6 of adopt's RSS and by more than 1e-9 of the sum of squared observations. A lower RSS at a
point that is not interior is the lowest the search reached along a limit (m running away, nu going to
0 or to infinity, the rate k running away): there, not_identified is the right status, and the gap says
how far adopt's reported point is above that limit's RSS. For a flagged Richards fit, the script also
fits the curve's limit as nu and k grow together, the capped exponential m min(1, e^(r (t - tc))), and
gives its RSS (column limit_rss), to tell a minimum from a point on the ridge towards that limit, whose
RSS is above the limit's.

Writes DIR/audit.csv (one row per fit; relative gap = (adopt's RSS - lowest found) / adopt's RSS) and
prints a Markdown table per corpus x model: adopt's statuses; converged and at_bound fits with a lower
RSS found (flag_conv) and the largest relative gap among them all; not_identified fits with a lower
interior minimum (flag_ni); not_identified fits whose lowest RSS found, at a limit, is more than 10 %
below adopt's; the largest relative difference of the RSS check. Then the flagged fits. `--table`
prints the same from existing per-fit CSVs (a row of a later file replaces the row of an earlier one
for the same corpus, model and series).
"""

import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np
from scipy.optimize import least_squares
from scipy.special import expit

warnings.filterwarnings("ignore")
np.seterr(all="ignore")

# ------------------------------------------------------------------------------------------------ models
# Cumulative adoption curves F(t; theta) and their gradients, as in Sources/AdoptionModels/*.swift.

MODELS = ["bass", "logistic", "gompertz", "richards", "exponential"]
NAMES = {"bass": ["m", "p", "q"], "logistic": ["m", "k", "t0"], "gompertz": ["m", "k", "t0"],
         "richards": ["m", "k", "t0", "nu"], "exponential": ["m", "p"]}
INF = np.inf
# The domains (adopt's lower limits; no upper limits).
LOWER = {"bass": [0, 0, 0], "logistic": [0, 0, -INF], "gompertz": [0, 0, -INF],
         "richards": [0, 0, -INF, 0], "exponential": [0, 0]}

M_CAP = 1e9    # upper bound for m in the search, times the observed total (a runaway guard)
NU_CAP = 1e6   # upper bound for the Richards nu in the search


def shape(model, t, phi):
    """F(t)/m for the nonlinear parameters phi (each may be an array broadcastable against t)."""
    if model == "bass":
        p, q = phi
        e = np.exp(-(p + q) * t)
        return p * (1 - e) / (p + q * e)
    if model == "exponential":
        (p,) = phi
        return -np.expm1(-p * t)
    if model == "logistic":
        k, t0 = phi
        return expit(k * (t - t0))
    if model == "gompertz":
        k, t0 = phi
        z = np.minimum(-k * (t - t0), 700.0)
        return np.exp(-np.exp(z))
    if model == "richards":
        k, t0, nu = phi
        z = -k * (t - t0)
        nu = np.asarray(nu, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            L = np.logaddexp(0.0, np.log(nu) + z)          # log(1 + nu e^z)
            r = np.exp(-L / nu)
            g = np.exp(-np.exp(np.minimum(z, 700.0)))        # nu = 0: Gompertz
        return np.where(nu > 0, r, g)
    raise ValueError(model)


def value(model, t, th):
    return th[0] * shape(model, t, th[1:])


def grad(model, t, th):
    """F and dF/dtheta at a scalar theta; t a 1-d array; J has shape (len(t), number of parameters)."""
    th = [float(v) for v in th]
    m = th[0]
    if model == "bass":
        _, p, q = th
        e = np.exp(-(p + q) * t)
        num = p * (1 - e)
        den = p + q * e
        with np.errstate(divide="ignore", invalid="ignore"):
            f = np.where(den > 0, num / den, 0.0)
            te = t * e
            dp = np.where(den > 0, m * ((1 - e + p * te) - f * (1 - q * te)) / den, 0.0)
            dq = np.where(den > 0, m * (p * te / den - f * (e - q * te) / den), 0.0)
        return m * f, np.column_stack([f, dp, dq])
    if model == "exponential":
        _, p = th
        f = -np.expm1(-p * t)
        return m * f, np.column_stack([f, m * t * np.exp(-p * t)])
    if model == "logistic":
        _, k, t0 = th
        f = expit(k * (t - t0))
        s = m * f * (1 - f)
        return m * f, np.column_stack([f, s * (t - t0), -s * k])
    if model == "gompertz":
        _, k, t0 = th
        z = np.minimum(-k * (t - t0), 700.0)
        E = np.exp(z)
        f = np.exp(-E)
        fE = np.exp(z - E)
        return m * f, np.column_stack([f, m * fE * (t - t0), -m * fE * k])
    if model == "richards":
        _, k, t0, nu = th
        z = -k * (t - t0)
        if nu <= 0:
            zc = np.minimum(z, 700.0)
            E = np.exp(zc)
            f = np.exp(-E)
            fE = np.exp(zc - E)
            dnu = m * np.exp(np.minimum(2 * zc - E, 700.0)) / 2
            return m * f, np.column_stack([f, m * fE * (t - t0), -m * fE * k, dnu])
        lnu = np.log(nu)
        L = np.logaddexp(0.0, lnu + z)
        f = np.exp(-L / nu)
        eob = np.exp(z - L)                     # e^z / (1 + nu e^z)
        dk = m * f * eob * (t - t0)
        dt0 = -m * f * eob * k
        u = np.exp(np.minimum(lnu + z, 700.0))
        small = u < 1e-3
        with np.errstate(over="ignore", invalid="ignore"):
            big = (L - expit(lnu + z)) / (nu * nu)
            ser = np.exp(np.minimum(2 * z, 700.0)) * (0.5 - 2 * u / 3 + 0.75 * u * u)
        dnu = m * f * np.where(small, ser, big)
        dnu = np.where(f == 0, 0.0, dnu)
        return m * f, np.column_stack([f, dk, dt0, dnu])
    raise ValueError(model)


def predict(model, t, th, cumulative):
    """Fitted observations: m F(t) for running totals, m [F(t) - F(t - 1)] per period."""
    F = value(model, t, th)
    return F if cumulative else F - value(model, t - 1, th)


def predict_grad(model, t, th, cumulative):
    F, J = grad(model, t, th)
    if cumulative:
        return F, J
    F0, J0 = grad(model, t - 1, th)
    return F - F0, J - J0


def rss(model, t, y, th, cumulative):
    r = predict(model, t, th, cumulative) - y
    return float(r @ r)


# ------------------------------------------------------------------------------------------------ corpora
# name -> (argument naming the file, x column, y column, running totals?, the smaller search?)
CORPORA = {"hard": ("hard", "t", "y", False, False),
           "cum": ("cumulative", "t", "total", True, False),
           "long": ("long", "day", "sales", False, True)}


def load(path, xcol, ycol):
    """series -> (x, y) arrays, in file order."""
    S = collections.OrderedDict()
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            S.setdefault(row["series"], []).append((float(row[xcol]), float(row[ycol])))
    return {k: (np.array([a for a, _ in v]), np.array([b for _, b in v])) for k, v in S.items()}


def observed_total(y, cumulative):
    if not cumulative:
        return float(y.sum())
    d = np.diff(np.concatenate([[0.0], y]))
    return float(max(y[-1], d.sum()))


def adopt_json(args, corpus, model, path):
    """adopt's JSON output for corpus x model: read from --json-dir, or made by running adopt."""
    if args.json_dir:
        src = os.path.join(args.json_dir, f"{corpus}-{model}.json")
    else:
        arg, xcol, ycol, cumulative, _ = CORPORA[corpus]
        src = os.path.join(args.out, f"{corpus}-{model}.json")
        cmd = [args.adopt, "fit", "--data", path, "--x", xcol, "--y", ycol, "--series", "series",
               "--model", model, "--format", "json", "--output", src]
        if cumulative:
            cmd.append("--cumulative")
        subprocess.run(cmd, check=True)
    with open(src) as fh:
        fits = json.load(fh)["fits"]
    return [{"series": f["series"], "status": f["status"], "rss": f["rss"], "n": f["n"],
             "launch": f["launch"], "message": f["message"],
             "est": [p["estimate"] for p in f["parameters"]]} for f in fits]


# ------------------------------------------------------------------------------------------------ search
def grid(model, T, small):
    """A grid of the nonlinear parameters for a series of T periods (m is profiled out)."""
    g = 26 if small else 40
    if model == "bass":
        p = np.logspace(np.log10(1e-4 / T), np.log10(5.0), g)
        q = np.concatenate([[0.0], np.logspace(np.log10(0.05 / T), np.log10(20.0), g)])
        P, Q = np.meshgrid(p, q, indexing="ij")
        return [P.ravel(), Q.ravel()]
    if model == "exponential":
        return [np.logspace(np.log10(1e-5 / T), np.log10(50.0), 300)]
    if model in ("logistic", "gompertz"):
        k = np.logspace(np.log10(0.1 / T), np.log10(20.0), g)
        t0 = np.linspace(-T, 2.5 * T, g + 10)
        K, T0 = np.meshgrid(k, t0, indexing="ij")
        return [K.ravel(), T0.ravel()]
    if model == "richards":
        gk = 18 if small else 24
        k = np.logspace(np.log10(0.1 / T), np.log10(20.0), gk)
        t0 = np.linspace(-T, 2.5 * T, gk + 4)
        nu = np.concatenate([[1e-3], np.logspace(np.log10(0.05), np.log10(20.0), 10 if small else 12)])
        K, T0, NU = np.meshgrid(k, t0, nu, indexing="ij")
        return [K.ravel(), T0.ravel(), NU.ravel()]
    raise ValueError(model)


def unit_pred(model, t, phi, cumulative):
    """Predictions at m = 1 for many phi at once: array (len(phi[0]), len(t))."""
    ph = [np.asarray(a)[:, None] for a in phi]
    G = shape(model, t[None, :], ph)
    if not cumulative:
        G = G - shape(model, (t - 1)[None, :], ph)
    return G


def grid_scan(model, t, y, cumulative, phi, mfix):
    """RSS over the grid with m >= 0 profiled out, and for each fixed m in mfix the best grid point."""
    N = len(phi[0])
    chunk = max(1, int(4e6 // len(t)))
    yy = float(y @ y)
    prof = np.empty(N)
    mhat = np.empty(N)
    fixed = [(np.inf, -1)] * len(mfix)
    for s in range(0, N, chunk):
        sl = slice(s, min(N, s + chunk))
        G = unit_pred(model, t, [a[sl] for a in phi], cumulative)
        G = np.where(np.isfinite(G), G, 0.0)
        gy = G @ y
        gg = np.einsum("ij,ij->i", G, G)
        mh = np.where(gg > 0, np.maximum(gy, 0) / gg, 0.0)
        prof[sl] = yy - 2 * mh * gy + mh * mh * gg
        mhat[sl] = mh
        for j, m in enumerate(mfix):
            r = yy - 2 * m * gy + m * m * gg
            i = int(np.argmin(r))
            if r[i] < fixed[j][0]:
                fixed[j] = (r[i], s + i)
    return prof, mhat, fixed


def coords(model, phi_row, T):
    """Normalised coordinates of a grid point, to keep the grid starts apart."""
    return np.array([v / T * 4 if name == "t0" else np.log10(max(v, 1e-12))
                     for name, v in zip(NAMES[model][1:], phi_row)])


def solve(model, t, y, cumulative, x0, lb, ub, max_nfev, method="trf"):
    def fun(th):
        r = predict(model, t, th, cumulative) - y
        return np.where(np.isfinite(r), r, 1e150)

    def jac(th):
        _, J = predict_grad(model, t, th, cumulative)
        return np.where(np.isfinite(J), J, 0.0)

    x0 = np.asarray(x0, float)
    if method == "trf":
        return least_squares(fun, np.clip(x0, lb, ub), jac=jac, bounds=(lb, ub), method="trf",
                             x_scale="jac", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=max_nfev)
    return least_squares(fun, x0, jac=jac, method="lm", x_scale="jac",
                         xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=max_nfev)


def in_domain(model, th):
    return all(np.isfinite(th)) and all(v >= l for v, l in zip(th, LOWER[model]))


def search(model, t, y, cumulative, adopt_est, small):
    """The lowest RSS found: (rss, theta, start tag, evaluations, status), total, sum y^2, starts run."""
    T = float(len(t))
    tot = observed_total(y, cumulative)
    yy = float(y @ y)
    lb = np.array(LOWER[model], float)
    ub = np.full(len(lb), np.inf)
    ub[0] = M_CAP * max(tot, 1e-300)
    if model == "richards":
        ub[3] = NU_CAP
    phi = grid(model, T, small)
    mult = [1, 2, 5, 20]
    prof, mhat, fixed = grid_scan(model, t, y, cumulative, phi, [k * tot for k in mult])
    # grid starts apart from each other, best first
    kmax = 4 if small else 6
    chosen, cs = [], []
    for i in np.argsort(prof):
        if not np.isfinite(prof[i]) or mhat[i] <= 0:
            continue
        c = coords(model, [a[i] for a in phi], T)
        if all(np.abs(c - d).max() > 0.5 for d in cs):
            chosen.append(i)
            cs.append(c)
        if len(chosen) >= kmax:
            break
    starts = [("adopt", list(adopt_est))]
    starts += [("grid", [mhat[i]] + [a[i] for a in phi]) for i in chosen]
    starts += [(f"m{k}x", [k * tot] + [a[i] for a in phi]) for k, (_, i) in zip(mult, fixed) if i >= 0]
    # stage 1: every start, a short trf run; stage 2: the best two distinct unfinished runs continued;
    # stage 3: the best polished with MINPACK lm (unbounded), kept only if in the domain and lower.
    n1 = 120 if small else 150
    n2 = 600 if small else 1200
    results = []
    tried = 0
    for tag, x0 in starts:
        if not all(np.isfinite(x0)):
            continue
        try:
            res = solve(model, t, y, cumulative, x0, lb, ub, n1)
        except Exception:  # noqa: BLE001 - a start that fails is skipped
            continue
        tried += 1
        r = rss(model, t, y, res.x, cumulative)
        if np.isfinite(r):
            results.append((r, res.x.copy(), tag, res.nfev, res.status))
    results.sort(key=lambda z: z[0])
    best = results[0] if results else None
    cont = []
    for z in results:
        if z[4] != 0:      # stopped by a tolerance: nothing to continue
            continue
        if all(np.max(np.abs(z[1] - c[1]) / (np.abs(c[1]) + 1e-12)) > 1e-3 for c in cont):
            cont.append(z)
        if len(cont) >= 2:
            break
    for z in cont:
        try:
            res = solve(model, t, y, cumulative, z[1], lb, ub, n2)
            r = rss(model, t, y, res.x, cumulative)
            if np.isfinite(r) and r < best[0]:
                best = (r, res.x.copy(), z[2] + "+trf", z[3] + res.nfev, res.status)
        except Exception:  # noqa: BLE001
            pass
    if best is not None:
        try:
            res = solve(model, t, y, cumulative, best[1], lb, ub, 1000, method="lm")
            r = rss(model, t, y, res.x, cumulative)
            if in_domain(model, res.x) and r < best[0] and res.x[0] <= ub[0]:
                best = (r, res.x.copy(), best[2] + "+lm", best[3] + res.nfev, res.status)
        except Exception:  # noqa: BLE001
            pass
    return best, tot, yy, tried


def capped_exponential_rss(t, y, cumulative, points):
    """The lowest RSS of the capped exponential m min(1, e^(r (t - tc))), the limit of the Richards
    curve as nu and k grow together, from starts near the Richards points (m, k, t0, nu) given:
    r = k / nu, tc = t0 + log(nu) / k (where the curve reaches its cap), and tc moved by up to 2."""
    def curve(s, p):
        return p[0] * np.exp(np.minimum(p[1] * (s - p[2]), 0.0))

    def fun(p):
        r = (curve(t, p) if cumulative else curve(t, p) - curve(t - 1, p)) - y
        return np.where(np.isfinite(r), r, 1e150)

    best = np.inf
    for m, k, t0, nu in points:
        if not (np.isfinite([m, k, t0, nu]).all() and m > 0 and k > 0 and nu > 0):
            continue
        for shift in np.linspace(-2, 2, 41):
            try:
                res = least_squares(fun, [m, k / nu, t0 + np.log(nu) / k + shift],
                                    bounds=([0, 0, -np.inf], np.inf), x_scale="jac",
                                    xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=5000)
            except Exception:  # noqa: BLE001
                continue
            best = min(best, 2 * res.cost)
    return best


def diagnostics(model, t, y, cumulative, th, tot):
    """Bounds and caps reached, interior?, scaled condition number and relative standard errors at th."""
    at_bound = []
    for name, v, l in zip(NAMES[model], th, LOWER[model]):
        if np.isfinite(l) and v <= l + 1e-9 * (1 if name != "m" else tot):
            at_bound.append(name)
    if th[0] >= 0.99 * M_CAP * tot:
        at_bound.append("m_cap")
    if model == "richards" and th[3] >= 0.99 * NU_CAP:
        at_bound.append("nu_cap")
    _, J = predict_grad(model, t, th, cumulative)
    r = predict(model, t, th, cumulative) - y
    n, k = J.shape
    cn = np.inf
    relse = [np.inf] * k
    try:
        nrm = np.linalg.norm(J, axis=0)
        d = np.where(nrm > 0, nrm, 1)
        Js = J / d
        sv = np.linalg.svd(Js, compute_uv=False)
        cn = float(sv[0] / sv[-1]) if sv[-1] > 0 else np.inf
        if n > k:   # covariance s^2 (J'J)^-1, computed on the column-scaled Jacobian
            s2 = float(r @ r) / (n - k)
            cov = np.linalg.pinv(Js.T @ Js, rcond=1e-300) * s2 / np.outer(d, d)
            se = np.sqrt(np.abs(np.diag(cov)))
            relse = [float(s / abs(v)) if v != 0 else np.inf for s, v in zip(se, th)]
    except Exception:  # noqa: BLE001
        pass
    interior = (not at_bound) and all(np.isfinite(th)) and th[0] < 20 * tot
    return at_bound, interior, cn, relse


# ------------------------------------------------------------------------------------------------ table
COLUMNS = ["corpus", "model", "series", "n", "adopt_status", "adopt_rss", "scipy_rss", "rel_gap", "abs_gap",
           "sum_y2", "flag_conv", "flag_ni", "observed_total", "adopt_params", "scipy_params",
           "scipy_at_bound", "scipy_interior", "scipy_m_over_total", "scipy_cond", "scipy_rel_se",
           "scipy_start", "starts_tried", "adopt_rss_check_rel", "adopt_message", "seconds", "limit_rss"]

LIMIT_GAP = 0.1   # a not_identified fit "well above" the lowest RSS reached along a limit


def fmt_params(d):
    return "{" + ", ".join(f"{k}={v:.6g}" for k, v in json.loads(d).items()) + "}"


def table(rows):
    """Print the Markdown table per corpus x model, then the flagged fits."""
    by = collections.OrderedDict()
    for r in rows:
        by.setdefault((r["corpus"], r["model"]), []).append(r)
    print("| corpus | model | fits | converged | at_bound | not identified "
          "| conv./at_bound with a lower RSS found | largest relative gap, conv./at_bound "
          "| not identified, lower interior minimum "
          f"| not identified, lowest found at a limit > {LIMIT_GAP:.0%} below adopt's RSS "
          "| RSS check, largest relative difference |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    flagged = []
    above = 0
    for (c, m), R in by.items():
        st = collections.Counter(r["adopt_status"] for r in R)
        ca = [r for r in R if r["adopt_status"] in ("converged", "at_bound")]
        fc = [r for r in R if r["flag_conv"] == "1"]
        fn = [r for r in R if r["flag_ni"] == "1"]
        lim = [r for r in R if r["adopt_status"] == "not_identified" and r["scipy_interior"] != "1"
               and float(r["rel_gap"]) > LIMIT_GAP]
        above += sum(float(r["rel_gap"]) < -1e-6 for r in R)
        gap = max((float(r["rel_gap"]) for r in ca), default=float("nan"))
        check = max(float(r["adopt_rss_check_rel"]) for r in R)
        print(f"| {c} | {m} | {len(R)} | {st['converged']} | {st['at_bound']} | {st['not_identified']} "
              f"| {len(fc)} | {gap:.2g} | {len(fn)} | {len(lim)} | {check:.2g} |")
        flagged += fc + fn
    print(f"\nFits where the search ended above adopt's RSS (relative 1e-6): {above}.")
    if flagged:
        print("\nFlagged fits (relative gap = (adopt's RSS - lowest found) / adopt's RSS):")
    for r in sorted(flagged, key=lambda r: (r["corpus"], r["model"], -float(r["rel_gap"]))):
        print(f"- {r['corpus']}/{r['model']}/{r['series']} n={r['n']} {r['adopt_status']}: "
              f"adopt {float(r['adopt_rss']):.10g} at {fmt_params(r['adopt_params'])}; "
              f"found {float(r['scipy_rss']):.10g} at {fmt_params(r['scipy_params'])} "
              f"(relative gap {float(r['rel_gap']):.3g}, m/total {float(r['scipy_m_over_total']):.3g}, "
              f"condition {float(r['scipy_cond']):.3g}, relative s.e. {r['scipy_rel_se']}, "
              f"bound {r['scipy_at_bound'] or '-'}); adopt: {r['adopt_message'][:100]!r}")
        if r.get("limit_rss"):
            lim = float(r["limit_rss"])
            over_limit = [float(r[k]) / lim - 1 for k in ("adopt_rss", "scipy_rss")]
            print(f"  capped exponential (the limit nu -> infinity): RSS {lim:.10g}; relative to it, "
                  f"adopt {over_limit[0]:+.3g}, found {over_limit[1]:+.3g}")


def read_rows(paths):
    rows = collections.OrderedDict()
    for p in paths:
        with open(p, newline="") as fh:
            for r in csv.DictReader(fh):
                rows[(r["corpus"], r["model"], r["series"])] = r
    return list(rows.values())


# ------------------------------------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--adopt", default=".build/release/adopt", help="the adopt binary to run")
    ap.add_argument("--json-dir", help="read CORPUS-MODEL.json from here instead of running adopt")
    ap.add_argument("--hard", help="per-period series (series,t,y)")
    ap.add_argument("--cumulative", help="running totals (series,t,total)")
    ap.add_argument("--long", help="long daily series (series,day,sales)")
    ap.add_argument("--out", help="output folder: audit.csv, and adopt's JSON when adopt is run")
    ap.add_argument("--corpora", default="hard,cum,long")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--limit", type=int, default=0, help="only the first N series of each run")
    ap.add_argument("--table", nargs="+", metavar="CSV", help="print the table of existing per-fit CSVs")
    a = ap.parse_args()
    if a.table:
        return table(read_rows(a.table))
    if not a.out:
        ap.error("--out is required")
    corpora = a.corpora.split(",")
    models = a.models.split(",")
    for c in corpora:
        if c not in CORPORA:
            ap.error(f"unknown corpus {c!r} (hard, cum, long)")
        if not getattr(a, CORPORA[c][0]):
            ap.error(f"corpus {c} needs --{CORPORA[c][0]}")
    for m in models:
        if m not in MODELS:
            ap.error(f"unknown model {m!r}")
    os.makedirs(a.out, exist_ok=True)
    out_csv = os.path.join(a.out, "audit.csv")
    rows = []
    t_start = time.time()
    with open(out_csv, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for c in corpora:
            arg, xcol, ycol, cumulative, small = CORPORA[c]
            path = getattr(a, arg)
            D = load(path, xcol, ycol)
            for model in models:
                fits = adopt_json(a, c, model, path)
                if a.limit:
                    fits = fits[:a.limit]
                t_m = time.time()
                for f in fits:
                    t0 = time.time()
                    x, y = D[f["series"]]
                    if f["n"] != len(y):
                        sys.exit(f"{c}/{model}/{f['series']}: adopt fitted {f['n']} points, "
                                 f"the file has {len(y)}")
                    t = x - f["launch"] + 1
                    check = abs(rss(model, t, y, f["est"], cumulative) - f["rss"]) / max(f["rss"], 1e-300)
                    best, tot, yy, tried = search(model, t, y, cumulative, f["est"], small)
                    if best is None:
                        best = (np.nan, np.full(len(f["est"]), np.nan), "none", 0, 0)
                    srss, th = best[0], best[1]
                    gap = f["rss"] - srss
                    rel = gap / f["rss"] if f["rss"] > 0 else 0.0
                    if np.isfinite(srss):
                        at_bound, interior, cn, relse = diagnostics(model, t, y, cumulative, th, tot)
                    else:
                        at_bound, interior, cn, relse = [], False, np.inf, []
                    lower = rel > 1e-6 and gap > 1e-9 * yy
                    flag_ni = f["status"] == "not_identified" and interior and lower
                    # a flagged Richards fit: the RSS of the nu -> infinity limit, for comparison
                    cap_rss = (capped_exponential_rss(t, y, cumulative, [th, f["est"]])
                               if model == "richards" and flag_ni else None)
                    row = {
                        "corpus": c, "model": model, "series": f["series"], "n": len(y),
                        "adopt_status": f["status"], "adopt_rss": repr(f["rss"]), "scipy_rss": repr(srss),
                        "rel_gap": repr(rel), "abs_gap": repr(gap), "sum_y2": repr(yy),
                        "flag_conv": int(f["status"] in ("converged", "at_bound") and lower),
                        "flag_ni": int(flag_ni),
                        "observed_total": repr(tot),
                        "adopt_params": json.dumps(dict(zip(NAMES[model], f["est"]))),
                        "scipy_params": json.dumps(dict(zip(NAMES[model], [float(v) for v in th]))),
                        "scipy_at_bound": ";".join(at_bound), "scipy_interior": int(interior),
                        "scipy_m_over_total": repr(float(th[0] / tot)), "scipy_cond": repr(cn),
                        "scipy_rel_se": json.dumps([float("%.4g" % v) if np.isfinite(v) else None
                                                    for v in relse]),
                        "scipy_start": best[2], "starts_tried": tried, "adopt_rss_check_rel": repr(check),
                        "adopt_message": f["message"], "seconds": round(time.time() - t0, 3),
                        "limit_rss": "" if cap_rss is None else repr(float(cap_rss))}
                    w.writerow(row)
                    fh.flush()
                    rows.append({k: str(v) for k, v in row.items()})
                print(f"{c:5s} {model:12s} {len(fits):4d} fits  {time.time() - t_m:7.1f} s"
                      f"  (total {time.time() - t_start:7.1f} s)", file=sys.stderr, flush=True)
    table(rows)


if __name__ == "__main__":
    main()
