#!/usr/bin/env python3
"""S-curve fits that run out to a step (the rate without bound), and the best step itself.

Run from the repository root:

    python3 Tests/Fixtures/scipy/step_limit.py

Writes step_limit.csv next to this script: columns case,quantity,value.

As its rate grows with the time of its peak held, every S-curve tends to a step: all adopters at one
instant. Per-period values are N(t) - N(t-1), running totals N(t), period i ending at model time
t = i (launch at t = 0). Three series (CASES below): ten years of small background counts with one year
of 40 adopters; a single spike of 1000 at period 31 of 61 over background counts of 0 to 3; running
totals that jump once from about 3 to about 500.

For each case:
- the best step's RSS (step_rss). At its instant a steep curve takes any value between 0 and m, so per
  period the step's adopters fall in one period or are shared by two consecutive ones: the sum of the
  squares of the other values (and of the negative ones it holds), the least over those places; running
  totals are 0 before it and m after it, with any value between at an observation it falls on: the
  least over its places of the squares before it plus the squares about the mean after it;
- for the logistic m/(1 + exp(-k(t - t0))), the Gompertz m*exp(-exp(-k(t - t0))) and the Bass curve
  m*(1 - exp(-(p + q)t))/(1 + (q/p)exp(-(p + q)t)): the RSS of the fit with the rate held (k, or p + q
  for Bass, at 2, 8 and 32, the last left out where it needs q/p beyond e^700; quantities
  <model>_rss_rate_2, ...), least_squares over the other
  parameters ('trf', tolerances 1e-15, x_scale 'jac') from 40 starts with the peak at each observation
  and either side of it (m the largest value, or the last total), the best kept: it falls towards the
  step's as the rate grows;
- the best fit with every parameter free (<model>_best_rss) over the same starts at rates 0.25 to 32:
  no lower than the step's, to rounding.
"""

import os

import numpy as np
import scipy
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "step_limit.csv")

# numpy.random.default_rng(20261203).integers(0, 4, 61), with 1000 at period 31.
SPIKE_61 = [3, 3, 3, 2, 2, 0, 1, 1, 0, 2, 2, 0, 0, 0, 1, 3, 2, 2, 1, 2, 3, 2, 1, 1, 3, 1, 1, 0, 2, 2, 1000, 1, 0, 0, 2, 2, 2, 0, 0, 3, 2, 0, 3, 1, 2, 3, 2, 2, 2, 3, 3, 0, 0, 3, 3, 0, 1, 0, 1, 3, 1]

CASES = [
    # name, cumulative, values
    ("spike_10", False, [2, 1, 0, 1, 0, 40, 0, 1, 2, 1]),
    ("spike_61", False, SPIKE_61),
    ("jump_total", True, [1, 2, 2, 3, 3, 498, 499, 501, 501, 502, 502, 503]),
]


def logistic(t, m, k, t0):
    return m / (1 + np.exp(-k * (t - t0)))


def gompertz(t, m, k, t0):
    return m * np.exp(-np.exp(-k * (t - t0)))


def bass_from_peak(t, m, rate, peak):
    # p + q = rate, ln(q/p) = rate*peak: q/p = exp(rate*peak), p = rate/(1 + q/p).
    ratio = np.exp(min(rate * peak, 700.0))
    e = np.exp(-rate * t)
    return m * (1 - e) / (1 + ratio * e)


def observed(cumulative, curve, t, *theta):
    return curve(t, *theta) if cumulative else curve(t, *theta) - curve(t - 1, *theta)


def step_rss(cumulative, y, t):
    """The best step: its instant's value anywhere between 0 and m (see the module text)."""
    y = np.asarray(y, dtype=float)
    if not cumulative:
        gain = np.where(y > 0, y, 0.0) ** 2
        held = [[j] for j in range(len(y))] + [[j, j + 1] for j in range(len(y) - 1) if t[j + 1] - t[j] == 1]
        return min(float(np.sum(y ** 2) - np.sum(gain[h])) for h in held)
    best = float(np.sum(y ** 2))
    for j in range(len(y)):
        tail = y[j:]
        if tail.mean() > 0:
            best = min(best, float(np.sum(y[:j] ** 2) + np.sum((tail - tail.mean()) ** 2)))
        after = y[j + 1:]
        level = after.mean() if len(after) else max(y[j], 0.0)
        if level > 0:
            off = y[j] - min(max(y[j], 0.0), level)
            best = min(best, float(np.sum(y[:j] ** 2) + off ** 2 + np.sum((after - level) ** 2)))
    return best


def best_fit(cumulative, curve, t, y, rates, free):
    level = max(y) if not cumulative else y[-1]
    best = np.inf
    for rate in rates:
        for peak in np.concatenate([t - 1, t - 0.5, t]):
            def residuals(theta):
                if free:
                    return y - observed(cumulative, curve, t, *theta)
                return y - observed(cumulative, curve, t, theta[0], rate, theta[1])
            start = [level, rate, peak] if free else [level, peak]
            try:
                fit = least_squares(residuals, start, method="trf", ftol=1e-15, xtol=1e-15, gtol=1e-15,
                                    x_scale="jac", max_nfev=4000)
            except ValueError:
                continue
            if np.all(np.isfinite(fit.fun)):
                best = min(best, float(fit.fun @ fit.fun))
    return best


def main():
    rows = []
    for name, cumulative, values in CASES:
        y = np.array(values, dtype=float)
        t = np.arange(1, len(y) + 1, dtype=float)
        rows.append((name, "step_rss", step_rss(cumulative, y, t)))
        for model, curve in (("logistic", logistic), ("gompertz", gompertz), ("bass", bass_from_peak)):
            for rate in (2, 8, 32):
                if model == "bass" and rate * len(y) > 700:
                    continue  # the peak at the last periods needs q/p = e^(rate*peak), beyond the doubles
                rows.append((name, f"{model}_rss_rate_{rate}", best_fit(cumulative, curve, t, y, [rate], False)))
            rows.append((name, f"{model}_best_rss",
                         best_fit(cumulative, curve, t, y, [0.25, 0.5, 1, 2, 4, 8, 16, 32], True)))
    with open(OUT, "w") as f:
        f.write(f"# made by step_limit.py with numpy {np.__version__}, scipy {scipy.__version__}\n")
        f.write("case,quantity,value\n")
        for name, quantity, value in rows:
            f.write(f"{name},{quantity},{float(value)!r}\n")


if __name__ == "__main__":
    main()
