#!/usr/bin/env python3
"""Reference fits with some parameters fixed at known values (adopt fit --fix), computed with scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/fixed_parameters.py

Writes fixed_parameters.csv next to this script: for each case, the free parameters' estimates and
standard errors, and the RSS. The conventions are reference_fits.py's (time, models, per-period
interval form); the held parameters are put into the parameter vector and only the free ones are
fitted, by scipy.optimize.least_squares (method 'lm', tolerances 1e-15, restarted from its own
solution), from the free fit's estimates in reference_fits.csv. Standard errors: sigma^2 = RSS/(n-f)
with f the free parameters, cov = sigma^2 (J_f^T J_f)^-1, J_f the Jacobian's free columns.
"""

import os
import sys

import numpy as np
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402

# (case, series, model, data, fixed {name: value}): a market potential from a market sizing above and
# below the free fit's, Bass's p and q from an analogous product, a Gompertz saturation level, and a
# middle parameter (Bass's p, Gompertz's k).
CASES = [
    ("dryers_m17000", "clothes_dryers", "bass", "per_period", {"m": 17000.0}),
    ("dryers_m14000", "clothes_dryers", "bass", "per_period", {"m": 14000.0}),
    ("tv_pq", "color_tv", "bass", "per_period", {"p": 0.005, "q": 0.65}),
    ("cars_gompertz_m7000", "netherlands_car_stock_1965_1989", "gompertz", "cumulative", {"m": 7000.0}),
    # A middle parameter fixed: the free ones are not contiguous.
    ("dryers_p0135", "clothes_dryers", "bass", "per_period", {"p": 0.0135}),
    ("cars_gompertz_k008", "netherlands_car_stock_1965_1989", "gompertz", "cumulative", {"k": 0.08}),
    # An early market and its sizing: three years of ports shipped (millions), m fixed at 60, p and q
    # fitted to them (the data are in INLINE, not in Data/series).
    ("early_m60", "early", "bass", "per_period", {"m": 60.0}),
]

# Series given here rather than read from Data/series: name -> (years, values).
INLINE = {"early": (np.array([2024.0, 2025.0, 2026.0]), np.array([0.05, 0.4, 2.9]))}


def main():
    series = ref.load_series()
    free_fits = {}
    for r in ref.read_commented_csv(os.path.join(HERE, "reference_fits.csv")):
        free_fits.setdefault((r["series"], r["model"], r["data"]), {})[r["parameter"]] = float(r["estimate"])
    rows = []
    for case, name, model, data, held in CASES:
        x, y = INLINE[name] if name in INLINE else series[name][:2]
        t = ref.periods(x)
        names = ref.MODELS[model][0]
        free = [n for n in names if n not in held]
        # The free fit's estimates where there is one; the early market starts from the Bass values of a fast
        # product (p = 0.001, q = 1).
        start = ([free_fits[(name, model, data)][n] for n in free] if (name, model, data) in free_fits
                 else [{"p": 0.001, "q": 1.0}[n] for n in free])

        def full(th):
            values = dict(held)
            values.update(zip(free, th))
            return [values[n] for n in names]

        cols = [names.index(n) for n in free]

        def fun(th):
            return ref.predict(model, t, full(th), data)[0] - y

        def jac(th):
            return ref.predict(model, t, full(th), data)[1][:, cols]

        first = least_squares(fun, start, jac=jac, **ref.LSQ_OPTS)
        sol = least_squares(fun, first.x, jac=jac, **ref.LSQ_OPTS)
        r = fun(sol.x)
        J = jac(sol.x)
        rss = float(r @ r)
        n, f = J.shape
        _, s, Vt = np.linalg.svd(J, full_matrices=False)
        cov = rss / (n - f) * (Vt.T / s**2) @ Vt
        se = np.sqrt(np.diag(cov))
        grad = np.abs(J.T @ r).max()
        print(f"{case}: {dict(zip(free, sol.x))} se {se} rss {rss:.10g} |J'r| {grad:.2e} status {sol.status}")
        held_text = ";".join(f"{k}={v!r}" for k, v in held.items())
        for k, pname in enumerate(free):
            rows.append((case, name, model, data, held_text, pname, sol.x[k], se[k], rss))
    with open(os.path.join(HERE, "fixed_parameters.csv"), "w") as out:
        ref.generated_header(out, "Fits with parameters fixed at known values (adopt fit --fix)", "fixed_parameters.py")
        out.write("case,series,model,data,fixed,parameter,estimate,std_error,rss\n")
        for row in rows:
            out.write(",".join(row[:6]) + "," + ",".join(format(v, ".17g") for v in row[6:]) + "\n")


if __name__ == "__main__":
    main()
