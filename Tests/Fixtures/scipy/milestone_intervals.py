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
the first year of the series plus t. A takeoff before launch (t < 0) is left out: adopt reports none.
"""

import os
import sys

import mpmath
import sympy
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


def main():
    fits = []
    for r in ref.read_commented_csv(os.path.join(HERE, "reference_fits.csv")):
        key = (r["series"], r["model"], r["data"])
        if key not in fits:
            fits.append(key)
    series_data = ref.load_series()
    rows = []
    for series, model, data in fits:
        _, theta, cov = reference_fit(series, model, data)
        x = series_data[series][0]
        n, k = len(x), len(theta)
        tq = float(student_t.ppf(0.975, n - k))
        th = [mpmath.mpf(repr(v)) for v in theta]
        for name, f in milestone_functions(model, th).items():
            value = f(th)
            if name == "takeoff" and value < 0:
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
