#!/usr/bin/env python3
"""Delta-method intervals of the reference fits' milestones.

Run from the repository root (after reference_fits.py):

    python3 Tests/Fixtures/scipy/milestone_intervals.py

Reads reference_fits.csv and reference_covariances.csv (scipy's estimates and covariances) and writes
milestone_intervals.csv next to this script: for every reference fit, each milestone's value, its
delta-method standard error sqrt(g' C g) and its t-based interval value ± t_(0.975, n-k)·se, g the
milestone's gradient in the parameters and C scipy's covariance.

The milestones are found from their definitions, not from closed forms: with N(t) the model's running
total (t counted from the start of the launch period, as in reference_fits.py) and its derivatives in t
taken symbolically (sympy), the peak is the root of N''(t) = 0, the takeoff and the saturation onset the
roots of N'''(t) = 0 before and after it (Mahajan, Muller & Srivastava 1990), the peak rate N'(peak), and
the time to a fraction f the root of N(t) = f·m. The roots are found by mpmath at 50 digits, and the
gradients by mpmath's numerical differentiation of those roots in the parameters. Times are calendar times,
the first year of the series plus t. A Bass takeoff before launch (t < 0) is left out: adopt reports none
(the S-curves' are kept: their curves start before the launch).

Also two fits at the edges of the finite differences, on series the script makes and writes beside
itself (milestone_edge_<name>.csv, year,value): Bass per period with q within 2e-6 of p (a step in q crosses
q = p, where the peak leaves the launch), and the logistic with t0 = 1e-8 (a location
near 0), per period too. Each series is the curve at known parameters plus residuals orthogonal to its Jacobian there
(numpy's default_rng(11) projected off the Jacobian's columns, about 1 % of the mean), so that the
least-squares estimates are those parameters (scipy's least_squares, started 0.1 % away, returns to them
within 1e-6 of their standard errors, checked); their covariance is RSS/(n − k)·(JᵀJ)⁻¹ at them.
"""

import os
import sys

import mpmath
import numpy as np
import sympy
from scipy.optimize import least_squares
from scipy.stats import t as student_t

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402
from derived_quantities import reference_fit  # noqa: E402

mpmath.mp.dps = 50

T = sympy.Symbol("t")


def running_total(model, th):
    """N(t) for the parameters th (sympy symbols), as reference_fits.py defines it."""
    if model == "bass":
        m, p, q = th
        e = sympy.exp(-(p + q) * T)
        return m * (1 - e) / (1 + (q / p) * e)
    if model == "logistic":
        m, k, t0 = th
        return m / (1 + sympy.exp(-k * (T - t0)))
    if model == "gompertz":
        m, k, t0 = th
        return m * sympy.exp(-sympy.exp(-k * (T - t0)))
    if model == "richards":
        m, k, t0, nu = th
        return m * (1 + nu * sympy.exp(-k * (T - t0))) ** (-1 / nu)
    raise ValueError(model)


def milestone_functions(model, estimates):
    """Functions of the parameters (mpf values) giving each milestone's time from launch (or the peak rate).
    Each is a root found from a start located on a grid at the estimates."""
    names = ref.MODELS[model][0]
    symbols = sympy.symbols(names)
    n = running_total(model, symbols)
    d = [sympy.lambdify([T] + list(symbols), sympy.diff(n, T, order), "mpmath") for order in range(4)]
    grid = [mpmath.mpf(i) / 8 for i in range(-800, 2400)]
    m = estimates[0]
    # The peak: where the rate is largest; the takeoff and the saturation onset: where it rises and falls
    # fastest, before and after the peak; a fraction's time: where N/m is nearest it.
    top = max(grid, key=lambda s: d[1](s, *estimates))
    rise = max((s for s in grid if s < top), key=lambda s: d[2](s, *estimates))
    fall = min((s for s in grid if s > top), key=lambda s: d[2](s, *estimates))

    def root(equation, start):
        # A bracketing solver on an interval about the start, which the grid puts within 1/16 of the root;
        # the equation is scaled by m to be of order one.
        return lambda th: mpmath.findroot(lambda s: equation(s, th) / th[0], (start - 0.25, start + 0.25), solver="anderson")

    peak = root(lambda s, th: d[2](s, *th), top)

    def fraction(f):
        start = min(grid, key=lambda s: abs(d[0](s, *estimates) / m - f))
        return root(lambda s, th: d[0](s, *th) - f * th[0], start)

    return {
        "takeoff": root(lambda s, th: d[3](s, *th), rise),
        "peak": peak,
        "saturation_onset": root(lambda s, th: d[3](s, *th), fall),
        "peak_rate": lambda th: d[1](peak(th), *th),
        "fraction10": fraction(mpmath.mpf(1) / 10),
        "fraction50": fraction(mpmath.mpf(1) / 2),
        "fraction90": fraction(mpmath.mpf(9) / 10),
    }


def gradient(f, th):
    """The gradient of f at th, by mpmath's numerical differentiation (each partial at 50 digits)."""
    out = []
    for j in range(len(th)):
        def along(v, j=j):
            point = list(th)
            point[j] = v
            return f(point)
        out.append(mpmath.diff(along, th[j]))
    return out


EDGES = [
    # name, model, data, parameters, first year, periods
    ("bass_q_near_p", "bass", "per_period", [1000.0, 0.05, 0.05 * (1 + 2e-6)], 2000, 15),
    ("logistic_t0_near_0", "logistic", "per_period", [100.0, 0.5, 1e-8], 2000, 12),
]


def edge_fits():
    """The edge series, written beside the script: name -> (x, theta, covariance, data)."""
    rng = np.random.default_rng(11)
    out = {}
    for name, model, data, theta, first, n in EDGES:
        t = np.arange(1.0, n + 1.0)
        curve, jac = ref.predict(model, t, theta, data)
        noise = rng.standard_normal(n) * 0.01 * float(np.mean(curve))
        q, _ = np.linalg.qr(jac)
        residuals = noise - q @ (q.T @ noise)
        y = curve + residuals
        x = first + t - 1
        with open(os.path.join(HERE, f"milestone_edge_{name}.csv"), "w") as f:
            f.write(f"# The {model} curve at {theta!r} ({data}) plus residuals orthogonal to its Jacobian; "
                    "made by milestone_intervals.py, do not edit by hand.\n")
            f.write("year,value\n")
            for year, value in zip(x, y):
                f.write(f"{int(year)},{float(value)!r}\n")
        y = np.array([float(repr(float(v))) for v in y])
        start = np.array(theta) * (1 + 1e-3)
        fit = least_squares(lambda th: ref.predict(model, t, th, data)[0] - y, start,
                            jac=lambda th: ref.predict(model, t, th, data)[1], method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15)
        rss = float(np.sum((curve - y) ** 2))
        cov = rss / (n - len(theta)) * np.linalg.inv(jac.T @ jac)
        # The estimates are the parameters to within rounding: 1e-6 of their standard errors.
        if np.any(np.abs(fit.x - theta) > 1e-6 * np.sqrt(np.diag(cov))):
            sys.exit(f"{name}: least_squares returned {fit.x!r}, not {theta!r}")
        out["edge_" + name] = (x, theta, cov, model, data)
    return out


def main():
    fits = []
    for r in ref.read_commented_csv(os.path.join(HERE, "reference_fits.csv")):
        key = (r["series"], r["model"], r["data"])
        if key not in fits:
            fits.append(key)
    series_data = ref.load_series()
    edges = edge_fits()
    rows = []
    for series, model, data in fits + [(name, e[3], e[4]) for name, e in edges.items()]:
        if series in edges:
            x, theta, cov, _, _ = edges[series]
        else:
            _, theta, cov = reference_fit(series, model, data)
            x = series_data[series][0]
        n, k = len(x), len(theta)
        tq = float(student_t.ppf(0.975, n - k))
        th = [mpmath.mpf(repr(v)) for v in theta]
        for name, f in milestone_functions(model, th).items():
            value = f(th)
            if name == "takeoff" and value < 0 and model == "bass":
                continue
            g = [float(v) for v in gradient(f, th)]
            se = float(mpmath.sqrt(sum(g[a] * cov[a][b] * g[b] for a in range(k) for b in range(k))))
            shown = float(value) if name == "peak_rate" else float(x[0]) + float(value)
            low = shown - tq * se
            if name == "peak_rate":
                low = max(0.0, low)
            rows.append([series, model, data, name, repr(shown), repr(se), repr(float(low)), repr(float(shown + tq * se)), n - k])
    with open(os.path.join(HERE, "milestone_intervals.csv"), "w") as f:
        ref.generated_header(f, "Delta-method intervals of the reference fits' milestones (sympy derivatives, "
                                "mpmath roots and gradients at 50 digits, scipy's covariances)", "milestone_intervals.py")
        f.write("# calendar times are the first year plus t; intervals value ± t_(0.975, dof)·std_error, "
                "the peak rate's truncated at zero; compare with a relative tolerance of 1e-5 of std_error\n")
        ref.write_table(f, ["series", "model", "data", "milestone", "value", "std_error", "ci_low", "ci_high", "dof"], rows)


if __name__ == "__main__":
    main()
