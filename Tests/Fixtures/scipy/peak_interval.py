#!/usr/bin/env python3
"""Outside reference for the note on a peak past the periods fitted, computed with scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/peak_interval.py

Fits, with reference_fits.py's models, starts and solver (profile_intervals.py's for the iPhone and
for Bass on running totals):
  - Bass and the logistic on the iPhone's 23 quarters (Data/series, t = 1..23);
  - Bass on the US cable TV subscribers' running totals (1952-1989) and on the clothes dryers' first
    six years (1949-1954);
and for each the peak's time t* in model time (Bass: ln(q/p)/(p + q); the logistic: t0), its standard
error by the delta method on the analytic gradient

    dt*/dp = -1/(p (p + q)) - t*/(p + q),   dt*/dq = 1/(q (p + q)) - t*/(p + q)   (Bass),
    dt*/dt0 = 1   (logistic),

with the covariance RSS/(n - k) * inv(J'J) (by the SVD of J), and the 95 % t interval
t* -/+ t_{n-k, 0.975} se. `past` is whether t* lies past the last period fitted (t* > t_n).

Writes peak_interval.csv next to this script.
"""

import csv
import os
import sys

import numpy as np
from scipy import stats as sps

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402
from profile_intervals import IPHONE, fit_here  # noqa: E402

OUT_CSV = os.path.join(HERE, "peak_interval.csv")
LEVEL = 0.95


def peak_and_gradient(model, th):
    if model == "bass":
        _, p, q = th
        s = p + q
        peak = np.log(q / p) / s
        return peak, np.array([0.0, -1.0 / (p * s) - peak / s, 1.0 / (q * s) - peak / s])
    if model == "logistic":
        return th[2], np.array([0.0, 0.0, 1.0])
    raise ValueError(model)


def main():
    np.seterr(over="ignore", invalid="ignore", divide="ignore")
    data = ref.load_series()
    rows = ref.read_commented_csv(os.path.join(ref.SERIES_DIR, IPHONE + ".csv"))
    data[IPHONE] = (np.arange(1.0, len(rows) + 1), np.array([float(r["value"]) for r in rows]), "per_period")
    x, y, kind = data["clothes_dryers"]
    data["clothes_dryers_first6"] = (x[:6], y[:6], kind)
    cases = [(IPHONE, "bass"), (IPHONE, "logistic"), ("us_cable_tv_subscribers_cumulative", "bass"),
             ("clothes_dryers_first6", "bass")]
    out = []
    for series, model in cases:
        x, y, kind = data[series]
        t = ref.periods(x)
        th = fit_here(model, t, y, kind)
        cov = ref.covariance(model, t, y, kind, th)
        peak, g = peak_and_gradient(model, th)
        se = float(np.sqrt(g @ cov @ g))
        half = sps.t.ppf(0.5 + LEVEL / 2, len(y) - len(th)) * se
        past = bool(peak > t[-1])
        print(f"{series} / {model}: theta={th} peak={peak:.10g} se={se:.6g} "
              f"interval=({peak - half:.10g}, {peak + half:.10g}) past={past}")
        out.append([series, model, kind, len(y), ref.fmt(peak), ref.fmt(se), ref.fmt(peak - half), ref.fmt(peak + half),
                    "true" if past else "false"])
    with open(OUT_CSV, "w", newline="") as f:
        ref.generated_header(f, "The peak's time and its 95 % delta-method interval, in model time", "peak_interval.py")
        f.write("# peak, ci_low, ci_high: model time (0 at the start of the first period); past: peak > the last t fitted\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "data", "n", "peak", "se", "ci_low", "ci_high", "past"])
        w.writerows(out)


if __name__ == "__main__":
    main()
