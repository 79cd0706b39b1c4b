#!/usr/bin/env python3
"""Outside reference for the Bass (1969) OLS regression a Bass fit reports, computed with statsmodels.

Run from the repository root (needs statsmodels):

    python3 Tests/Fixtures/scipy/bass_ols.py

For each per-period series of Data/series/durables.csv, observed from its first period (t = 1..n, as
`adopt fit` takes it without --launch), and the 23 quarters of apple_iphone_quarterly_sales_rossi.csv:
statsmodels' OLS of y_t on a constant, Y_{t-1} and Y_{t-1}^2 (Y the running total before period t,
Y_0 = 0), its coefficients a, b, c with their classical standard errors (`bse`), the residual standard
error sqrt(scale) on df_resid degrees of freedom, R^2 (`rsquared`), the 95 % intervals (`conf_int`), the
adopters regressed (their sum), and the m, p, q they imply: m the root of
c m^2 + b m + a = 0 above 0, (-b - sqrt(b^2 - 4ac)) / (2c), p = a/m, q = -c m (empty where c >= 0 or
no root is positive), with their delta-method standard errors sqrt(g' V g), V statsmodels' covariance of
(a, b, c) (`cov_params`) and g the gradient of m, p or q in (a, b, c), differentiated by sympy.

Also, the same regression of two durables with their values times 10^6 (running totals to 10^10, their
squares to 10^20), where statsmodels' pseudo-inverse calls the design rank-deficient: solved exactly, in
rational arithmetic (Python's fractions) from the same doubles, the normal equations and (X^T X)^-1, the
standard errors from the exact residuals (each then rounded once to a double).

And the regression on running totals (`adopt fit --cumulative`): each period after the first, its rise
Y_t - Y_{t-1} on the total observed before it, Y_{t-1}, for the room air conditioners' sales summed into
totals, the Netherlands' car stock and the US cable TV subscribers (Data/series). Solved exactly in rational
arithmetic from the doubles (statsmodels is off by 1.7e-6 on the cable subscribers, whose squared totals
reach 2e15), with the same columns as bass_ols.csv: R^2 exact, the intervals with scipy's t quantile, and
m, p, q's delta-method standard errors from the exact covariance and sympy's gradients.

Writes bass_ols.csv, bass_ols_scaled_data.csv (series,year,adopters), bass_ols_scaled.csv and
bass_ols_cumulative.csv next to this script.
"""

import csv
import math
import os
import sys
from fractions import Fraction

import numpy as np
import statsmodels
import statsmodels.api as sm
import sympy
from scipy.stats import t as student_t

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402

OUT_CSV = os.path.join(HERE, "bass_ols.csv")
COMMAND = "# command (from the repository root): python3 Tests/Fixtures/scipy/bass_ols.py\n"
SCALED_DATA_CSV = os.path.join(HERE, "bass_ols_scaled_data.csv")
SCALED_CSV = os.path.join(HERE, "bass_ols_scaled.csv")
CUMULATIVE_CSV = os.path.join(HERE, "bass_ols_cumulative.csv")
SCALED = ["room_air_conditioners", "color_tv"]
SCALE = 1e6


def exact_regression(y, before=None, details=False):
    """The regression in rational arithmetic: [a, b, c, se_a, se_b, se_c, residual standard error, dof];
    `before`: the totals before each period (default: from 0, the sums of y); `details`: also the exact
    coefficients, (X^T X)^-1, s^2 and R^2."""
    ys = [Fraction(v) for v in y]
    if before is None:
        lagged = [Fraction(0)]
        for v in ys[:-1]:
            lagged.append(lagged[-1] + v)
    else:
        lagged = [Fraction(v) for v in before]
    x = [[Fraction(1), l, l * l] for l in lagged]
    n = len(ys)
    gram = [[sum(x[t][i] * x[t][j] for t in range(n)) for j in range(3)] for i in range(3)]
    rhs = [sum(x[t][i] * ys[t] for t in range(n)) for i in range(3)]
    aug = [gram[i][:] + [Fraction(int(i == j)) for j in range(3)] for i in range(3)]
    for c in range(3):
        p = next(i for i in range(c, 3) if aug[i][c] != 0)
        aug[c], aug[p] = aug[p], aug[c]
        pivot = aug[c][c]
        aug[c] = [v / pivot for v in aug[c]]
        for i in range(3):
            if i != c:
                f = aug[i][c]
                aug[i] = [a - f * b for a, b in zip(aug[i], aug[c])]
    inverse = [row[3:] for row in aug]
    coef = [sum(inverse[i][j] * rhs[j] for j in range(3)) for i in range(3)]
    residuals = [ys[t] - sum(x[t][i] * coef[i] for i in range(3)) for t in range(n)]
    s2 = sum(e * e for e in residuals) / (n - 3)
    se = [math.sqrt(inverse[i][i] * s2) for i in range(3)]
    out = [float(v) for v in coef] + se + [math.sqrt(s2), n - 3]
    if details:
        mean = sum(ys) / n
        r2 = 1 - sum(e * e for e in residuals) / sum((v - mean) ** 2 for v in ys)
        return out, coef, inverse, s2, r2
    return out


def totals_regression(totals):
    """The running totals' row of bass_ols_cumulative.csv (the columns of bass_ols.csv after file and series)."""
    rises = [totals[t] - totals[t - 1] for t in range(1, len(totals))]
    values, coef, inverse, s2, r2 = exact_regression(rises, before=totals[:-1], details=True)
    a, b, c = (float(v) for v in coef)
    dof = len(rises) - 3
    tq = float(student_t.ppf(0.975, dof))
    se = values[3:6]
    ci = [(v - tq * e, v + tq * e) for v, e in zip((a, b, c), se)]
    m, p, q, errors = implied(a, b, c, lambda: np.array([[float(inverse[i][j] * s2) for j in range(3)] for i in range(3)]))
    return [a, b, c, *se, values[6], dof, m, p, q, float(r2), ci[0][0], ci[0][1], ci[1][0], ci[1][1], ci[2][0],
            ci[2][1], float(sum(rises)), *errors]


def implied_gradients():
    """Functions of (a, b, c) giving the gradients of the implied m, p and q, differentiated by sympy."""
    a, b, c = sympy.symbols("a b c")
    m = (-b - sympy.sqrt(b * b - 4 * a * c)) / (2 * c)
    return [sympy.lambdify((a, b, c), [sympy.diff(f, v) for v in (a, b, c)]) for f in (m, a / m, -c * m)]


GRADIENTS = implied_gradients()


def implied(a, b, c, covariance):
    """The m, p and q that (a, b, c) imply, m the root of c m^2 + b m + a = 0 above 0, with their delta-method
    standard errors from `covariance()`, the covariance of (a, b, c); all None where c >= 0 or no root is positive."""
    if c < 0 and b * b - 4 * a * c >= 0:
        root = (-b - math.sqrt(b * b - 4 * a * c)) / (2 * c)
        if root > 0:
            cov = covariance()
            errors = [math.sqrt(float(np.asarray(g(a, b, c)) @ cov @ np.asarray(g(a, b, c)))) for g in GRADIENTS]
            return root, a / root, -c * root, errors
    return None, None, None, [None, None, None]


def design(y):
    """The regression's design for per-period y from launch: a constant, Y_{t-1} and Y_{t-1}^2 (Y_0 = 0)."""
    lagged = np.concatenate([[0.0], np.cumsum(y)[:-1]])
    return sm.add_constant(np.column_stack([lagged, lagged ** 2]))


def regression(y):
    fit = sm.OLS(y, design(y)).fit()
    a, b, c = fit.params
    m, p, q, errors = implied(a, b, c, fit.cov_params)
    ci = fit.conf_int(alpha=0.05)
    return [a, b, c, *fit.bse, math.sqrt(fit.scale), int(fit.df_resid), m, p, q, fit.rsquared,
            ci[0][0], ci[0][1], ci[1][0], ci[1][1], ci[2][0], ci[2][1], float(np.sum(y)), *errors]


def durables():
    """Each per-period series of Data/series/durables.csv, in file order: name -> (year, adopters) by year."""
    series = {}
    for row in ref.read_commented_csv(os.path.join(ref.SERIES_DIR, "durables.csv")):
        series.setdefault(row["series"], []).append((float(row["year"]), float(row["adopters"])))
    return {name: sorted(points) for name, points in series.items()}


def main():
    series = durables()
    rows = []
    for name, points in series.items():
        rows.append(["durables.csv", name, *regression(np.array([y for _, y in points]))])
    rossi = ref.read_commented_csv(os.path.join(ref.SERIES_DIR, "apple_iphone_quarterly_sales_rossi.csv"))
    rows.append(["apple_iphone_quarterly_sales_rossi.csv", "", *regression(np.array([float(r["value"]) for r in rossi]))])
    with open(OUT_CSV, "w", newline="") as f:
        f.write("# Bass (1969) OLS regressions of per-period series from their first period; generated by statsmodels, "
                "do not edit by hand.\n")
        f.write(f"# statsmodels {statsmodels.__version__}, numpy {np.__version__}\n")
        f.write(COMMAND)
        ref.write_table(f, ["file", "series", "a", "b", "c", "a_std_error", "b_std_error", "c_std_error",
                            "residual_standard_error", "dof", "m", "p", "q", "r_squared", "a_ci_low", "a_ci_high", "b_ci_low",
                            "b_ci_high", "c_ci_low", "c_ci_high", "adopters_observed", "m_std_error",
                            "p_std_error", "q_std_error"],
                        [[r[0], r[1]] + [ref.fmt(v) if isinstance(v, (float, np.floating)) else ("" if v is None else v)
                                         for v in r[2:]] for r in rows])
    print(f"wrote {os.path.relpath(OUT_CSV, os.getcwd())}")

    with open(SCALED_DATA_CSV, "w", newline="") as f:
        f.write(f"# Two durables' values times {SCALE:g}, as bass_ols.py writes them; do not edit by hand.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "year", "adopters"])
        for name in SCALED:
            for year, y in series[name]:
                w.writerow([name, int(year), repr(y * SCALE)])
    with open(SCALED_CSV, "w", newline="") as f:
        f.write("# Bass (1969) OLS regressions of bass_ols_scaled_data.csv, solved exactly in rational arithmetic "
                "(Python fractions); do not edit by hand.\n")
        f.write(f"# python {sys.version.split()[0]}\n")
        f.write(COMMAND)
        exact = [exact_regression([y * SCALE for _, y in series[name]]) for name in SCALED]
        ref.write_table(f, ["series", "a", "b", "c", "a_std_error", "b_std_error", "c_std_error", "residual_standard_error", "dof"],
                        [[name] + [ref.fmt(v) for v in values[:-1]] + [values[-1]] for name, values in zip(SCALED, exact)])
    print(f"wrote {os.path.relpath(SCALED_CSV, os.getcwd())}")

    cumulative = [("room_air_conditioners", list(np.cumsum([y for _, y in series["room_air_conditioners"]])))]
    for name in ["netherlands_car_stock_1965_1989", "us_cable_tv_subscribers_cumulative"]:
        rows = ref.read_commented_csv(os.path.join(ref.SERIES_DIR, name + ".csv"))
        cumulative.append((name, [float(r["value"]) for r in sorted(rows, key=lambda r: float(r["year"]))]))
    with open(CUMULATIVE_CSV, "w", newline="") as f:
        f.write("# Bass (1969) OLS regressions of running totals: each period's rise on the total before it, from the "
                "second period; solved exactly in rational arithmetic (Python fractions); do not edit by hand.\n")
        f.write(f"# python {sys.version.split()[0]}, scipy t quantiles, sympy gradients\n")
        f.write(COMMAND)
        ref.write_table(f, ["series", "a", "b", "c", "a_std_error", "b_std_error", "c_std_error",
                            "residual_standard_error", "dof", "m", "p", "q", "r_squared", "a_ci_low", "a_ci_high", "b_ci_low",
                            "b_ci_high", "c_ci_low", "c_ci_high", "adopters_observed", "m_std_error", "p_std_error", "q_std_error"],
                        [[name] + [ref.fmt(v) if isinstance(v, float) else ("" if v is None else v) for v in totals_regression(totals)]
                         for name, totals in cumulative])
    print(f"wrote {os.path.relpath(CUMULATIVE_CSV, os.getcwd())}")


if __name__ == "__main__":
    main()
