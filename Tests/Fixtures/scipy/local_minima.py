#!/usr/bin/env python3
"""Per-period series with two local minima per model: the lowest, and the one a first start finds.

Run from the repository root:

    python3 Tests/Fixtures/scipy/local_minima.py

Writes local_minima.csv next to this script: columns case,quantity,value, and the daily series of the
daily cases into local_minima_daily.csv and local_minima_spike.csv (columns day,adopters).

Two series (CASES below), per period, period i ending at model time t = i:
- two_waves: 23 years of sales in two waves (a peak of 1,254 in year 5, a second of 610 in year 18);
- two_humps: 20 years in two humps (60 in year 5, 90 in year 14);
- two_waves_total: two_waves as running totals (rounded to 4 decimals), fitted as N(t) (adopt's --cumulative);
- second_wave_higher: 19 years, a wave peaking at 209 in year 5 and a higher one at 382 in year 13;
- first_wave_higher: 18 years, a wave peaking at 200 in year 3 and a lower one at 129 in year 12;
- late_second_wave: 29 years, a wave of 868 adopters peaking at 261 in year 4, nine years of none, and a second
  wave still near its peak when the data end (121 in year 26);
- midstart_late_wave: 214 months of a series observed from mid-adoption (falling from about 250 a month),
  then a second, narrower wave peaking at 971 in month 93, then zeros;
- narrow_wave_higher: 27 years, a narrow wave peaking at 206 in year 3 (585 adopters) and a broader,
  lower one of 821 adopters peaking at 186 in year 15;
- daily_two_waves: 3,650 days in two waves, the logistic curves 3e5 / (1 + exp(-(t - 1095) / 182.5)) and
  2e5 / (1 + exp(-(t - 2555) / 91.25)) per day, times a season 1 + 0.4 sin(2 pi t / 365) + 0.3 (two days
  of every seven) and 1 + 0.2 z (z standard normal, numpy's default_rng(1)), rounded to whole numbers and
  floored at 0. Its starts have k divided by 100;
- daily_launch_spike: the same curves ten times larger and stretched over 10,000 days (every time scaled by
  10,000 / 3,650), with numpy's default_rng(3), and day 1 counting every adopter before it too (the
  curves' level at its end, 7,433, times the season and noise: 13,679, above any later day). Its starts
  have k, p and q multiplied by 0.003.
The Bass curve m*F(t) (F = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})), the logistic
m / (1 + exp(-k(t - t0))) and the Gompertz curve m*exp(-exp(-k(t - t0))), per period N(t) - N(t-1), are
fitted by least_squares (method 'lm', tolerances 1e-15, each run restarted twice from its solution with m, p,
q and k on a log scale) from a grid of starts (m at 1.1, 1.5, 2.5 and 5
times the observed total; Bass p in 0.001-0.05 and q in 0.05-2; k in 0.05-2 and t0 at six points over
the data). The distinct minima inside the models' domains (m, p, q, k > 0) are kept, rounded to 1e-6 of
their RSS. For each case and model (Bass, the logistic and the Gompertz curve on two_waves; the logistic
and the Gompertz curve on two_humps, where the Bass fit's lowest point is its limit p -> 0, the logistic,
and on two_waves_total, where Bass has no minimum inside its domain):
- <model>_best_rss and <model>_best_<parameter>: the lowest minimum;
- <model>_local_rss: the next one up, where a single start from the data's linearization ends
  (written for the minima adopt's first start reaches: Bass on two_waves, the logistic on two_waves, the
  Gompertz curve on two_humps);
- <model>_local_runs_z: the Wald-Wolfowitz runs statistic of that minimum's residual signs (statsmodels
  runstest_1samp, cutoff 0, no continuity correction; normal approximation), and <model>_best_runs_z;
  for running totals also <model>_best_change_runs_z, of the residuals' changes from period to period
  (the first from 0).
"""

import itertools
import os

import numpy as np
import scipy
import statsmodels
from scipy.optimize import least_squares
from statsmodels.sandbox.stats.runs import runstest_1samp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "local_minima.csv")

TWO_WAVES = [1.2, 85.6, 578.8, 1237.9, 1253.7, 903.8, 528.4, 275.6, 160.0, 91.6, 49.8, 37.3, 55.0, 90.4,
             177.0, 316.5, 496.7, 610.4, 594.6, 347.5, 180.6, 90.0, 42.4]

MIDSTART = ([241, 188, 332, 199, 367, 223, 231, 191, 207, 155, 303, 131, 221, 241, 180, 168, 195, 230, 163, 168, 132,
             111, 146, 131, 138, 126, 99, 85, 126, 120, 89, 121, 89, 79, 76, 59, 59, 65, 42, 61, 44, 47, 55, 63, 38, 42,
             64, 47, 42, 32, 35, 36, 24, 22, 20, 21, 17, 20, 26, 18, 14, 18, 9, 12, 18, 11, 15, 11, 8, 8, 8, 7, 7, 7, 8,
             7, 7, 8, 9, 6, 6, 5, 6, 4, 3, 6, 18, 43, 120, 269, 317, 402, 971, 538, 817, 644, 613, 662, 329, 476, 330,
             283, 286, 267, 141, 116, 74, 54, 47, 35, 50, 20, 14, 15, 13, 9, 10, 7, 4, 4, 3, 2, 2, 1, 2, 1, 1, 1, 0, 0, 1]
            + [0] * 83)

CASES = [
    ("two_waves", [1.2, 85.6, 578.8, 1237.9, 1253.7, 903.8, 528.4, 275.6, 160.0, 91.6, 49.8, 37.3, 55.0, 90.4,
                   177.0, 316.5, 496.7, 610.4, 594.6, 347.5, 180.6, 90.0, 42.4],
     ["bass", "logistic", "gompertz"], ["bass", "logistic"]),
    ("two_humps", [1, 5, 20, 50, 60, 40, 20, 10, 8, 10, 20, 50, 80, 90, 60, 30, 15, 5, 2, 1],
     ["logistic", "gompertz"], ["gompertz"]),
    ("two_waves_total", [round(v, 4) for v in np.cumsum(TWO_WAVES)], ["logistic", "gompertz"], []),
    ("second_wave_higher", [17, 39, 84, 162, 209, 203, 133, 71, 105, 159, 326, 380, 382, 310, 195, 75, 43, 16, 8],
     ["gompertz"], []),
    ("first_wave_higher", [61, 148, 200, 191, 99, 35, 9, 3, 32, 78, 114, 129, 88, 45, 24, 12, 4, 2],
     ["bass", "logistic"], []),
    ("daily_two_waves", None, ["logistic", "gompertz"], []),
    ("daily_launch_spike", None, ["bass"], []),
    ("late_second_wave", [22, 60, 157, 261, 208, 106, 37, 12, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 24, 46, 58, 66, 89, 121,
                          105, 97, 87],
     ["logistic", "gompertz"], []),
    ("midstart_late_wave", MIDSTART, ["bass"], []),
    ("narrow_wave_higher", [32, 78, 206, 138, 84, 32, 11, 3, 1, 0, 33, 62, 155, 156, 186, 113, 63, 25, 12, 4, 1, 1,
                            0, 0, 0, 0, 0],
     ["logistic", "gompertz"], []),
]
CUMULATIVE = {"two_waves_total"}
# The daily cases: their series file, the factor of their starts' rates and daily_two_waves' arguments.
DAILY = {"daily_two_waves": ("local_minima_daily.csv", 0.01, {}),
         "daily_launch_spike": ("local_minima_spike.csv", 0.003, {"n": 10000, "seed": 3, "size": 10, "backlog": True})}


def daily_two_waves(n=3650, seed=1, size=1.0, backlog=False):
    rng = np.random.default_rng(seed)
    s = n / 10000
    t = np.arange(0, n + 1, dtype=float)

    def logistic(t, m, k, t0):
        return m / (1 + np.exp(-k * (t - t0)))

    level = logistic(t, 3e5 * size, 0.002 / s, 3000 * s) + logistic(t, 2e5 * size, 0.004 / s, 7000 * s)
    if backlog:
        level[0] = 0
    t = t[1:]
    season = 1 + 0.4 * np.sin(2 * np.pi * t / 365) + 0.3 * (t % 7 < 2)
    return np.maximum(0, np.round(np.diff(level) * season * (1 + 0.2 * rng.standard_normal(n))))

NAMES = {"bass": ["m", "p", "q"], "logistic": ["m", "k", "t0"], "gompertz": ["m", "k", "t0"]}


def cumulative(model, t, th):
    if model == "bass":
        m, p, q = th
        e = np.exp(-(p + q) * t)
        return m * (1 - e) / (1 + q / p * e)
    m, k, t0 = th
    if model == "logistic":
        return m / (1 + np.exp(-k * (t - t0)))
    return m * np.exp(-np.exp(-k * (t - t0)))


def starts(model, y, rate_scale=1.0):
    total = float(np.sum(y))
    n = len(y)
    if model == "bass":
        return [[s * total, p * rate_scale, q * rate_scale] for s, p, q in itertools.product(
            [1.1, 1.5, 2.5, 5], [0.001, 0.003, 0.01, 0.03, 0.05], [0.05, 0.2, 0.4, 0.7, 1.0, 2.0])]
    return [[s * total, k, t0] for s, k, t0 in itertools.product(
        [1.1, 1.5, 2.5, 5], [k * rate_scale for k in [0.05, 0.1, 0.2, 0.5, 1.0, 2.0]], np.linspace(1, n, 6))]


def minima(model, y, running_total, rate_scale=1.0):
    y = np.asarray(y, dtype=float)
    t = np.arange(1, len(y) + 1, dtype=float)

    def residuals(th):
        if running_total:
            return cumulative(model, t, th) - y
        return cumulative(model, t, th) - cumulative(model, t - 1, th) - y

    found = {}
    for x0 in starts(model, y, rate_scale):
        with np.errstate(all="ignore"):
            try:
                fit = least_squares(residuals, x0, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)
            except ValueError:
                continue
        th = fit.x
        if not (np.all(np.isfinite(th)) and th[0] > 0 and th[1] > 0 and (model != "bass" or th[2] > 0)):
            continue
        # Restarted twice from its own solution with the positive parameters (m, p, q; m, k) on a log
        # scale: p near 1e-5 beside m near 1e5 stops a run short of the minimum on the long daily series.
        logged = [0, 1, 2] if model == "bass" else [0, 1]

        def on_log(u):
            th = np.array(u, dtype=float)
            th[logged] = np.exp(th[logged])
            return th

        for _ in range(2):
            u = np.array(th, dtype=float)
            u[logged] = np.log(u[logged])
            with np.errstate(all="ignore"):
                again = least_squares(lambda u: residuals(on_log(u)), u, method="lm", xtol=1e-15, ftol=1e-15,
                                      gtol=1e-15, max_nfev=20000)
            if np.all(np.isfinite(again.x)) and np.sum(again.fun ** 2) < np.sum(fit.fun ** 2):
                fit, th = again, on_log(again.x)
        rss = float(np.sum(fit.fun ** 2))
        key = float(f"{rss:.6e}")
        if key not in found or rss < found[key][0]:
            found[key] = (rss, th, fit.fun)
    return [found[k] for k in sorted(found)]


def main():
    rows = []
    for case, y, models, local_models in CASES:
        if case in DAILY:
            y = daily_two_waves(**DAILY[case][2])
            with open(os.path.join(HERE, DAILY[case][0]), "w") as f:
                f.write(f"# {case} of local_minima.py; do not edit by hand.\n")
                f.write("day,adopters\n")
                for day, value in enumerate(y, start=1):
                    f.write(f"{day},{int(value)}\n")
        for model in models:
            found = minima(model, y, case in CUMULATIVE, DAILY[case][1] if case in DAILY else 1.0)
            rss, th, res = found[0]
            rows.append((case, f"{model}_best_rss", rss))
            for name, value in zip(NAMES[model], th):
                rows.append((case, f"{model}_best_{name}", float(value)))
            rows.append((case, f"{model}_best_runs_z", float(runstest_1samp(res, cutoff=0, correction=False)[0])))
            if case in CUMULATIVE:
                changes = np.diff(np.concatenate([[0.0], res]))
                rows.append((case, f"{model}_best_change_runs_z",
                             float(runstest_1samp(changes, cutoff=0, correction=False)[0])))
            if model in local_models:
                rss, th, res = found[1]
                rows.append((case, f"{model}_local_rss", rss))
                rows.append((case, f"{model}_local_runs_z", float(runstest_1samp(res, cutoff=0, correction=False)[0])))
            print(case, model, [f"{r[0]:.6f}" for r in found[:4]])
    with open(OUT, "w") as f:
        f.write(f"# local_minima.py: scipy {scipy.__version__}, numpy {np.__version__}, statsmodels {statsmodels.__version__}\n")
        f.write("case,quantity,value\n")
        for case, quantity, value in rows:
            f.write(f"{case},{quantity},{format(value, '.17g')}\n")


if __name__ == "__main__":
    main()
