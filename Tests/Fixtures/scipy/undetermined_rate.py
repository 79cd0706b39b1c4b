#!/usr/bin/env python3
"""Outside reference for S-curve fits whose rate is not determined (a standard error at least the
rate itself), computed with scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/undetermined_rate.py

Two per-period series of counts of 0 to 2 with one spike (SPIKE: 13 years with 102 in the eighth;
SPIKE_LONG: 33 years with 101 in the fourth). Each is fitted by the logistic and the Gompertz curve
with reference_fits.py's models and solver (least_squares, method 'lm', tolerances 1e-15, x_scale
'jac', restarted from its solution), from the starts below, near the spike. For each fit: the
estimates, the RSS, the standard error of the rate k (RSS/(n - 3) * inv(J'J), by the SVD of J) and
whether it is at least k; and, for a check that the minimum is the one the solver reports, the RSS
with k held at 0.8, 1.25 and 4 times the estimate and m, t0 refitted.

Writes undetermined_rate.csv next to this script.
"""

import csv
import os
import sys

import numpy as np
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402

OUT_CSV = os.path.join(HERE, "undetermined_rate.csv")
SPIKE = [0, 1, 2, 2, 1, 2, 0, 102, 1, 1, 1, 2, 2]
SPIKE_LONG = [1, 2, 0, 101, 1, 2, 1, 2, 1, 1, 2, 2, 1, 2, 2, 2, 2, 1, 1, 0, 1, 1, 2, 1, 2, 1, 1, 2, 0, 0, 1, 1, 2]
STARTS = {
    ("spike", "logistic"): [103.0, 18.0, 7.7],
    ("spike", "gompertz"): [103.0, 6.0, 7.3],
    ("spike_long", "logistic"): [102.0, 17.0, 3.7],
    ("spike_long", "gompertz"): [102.0, 6.0, 3.3],
}


def refit_with_k(model, t, y, k, th):
    def fun(a):
        return ref.predict(model, t, [a[0], k, a[1]], "per_period")[0] - y
    res = least_squares(fun, [th[0], th[2]], **ref.LSQ_OPTS)
    return float(res.fun @ res.fun)


def main():
    np.seterr(over="ignore", invalid="ignore", divide="ignore")
    out = []
    for name, values in (("spike", SPIKE), ("spike_long", SPIKE_LONG)):
        y = np.array(values, dtype=float)
        t = np.arange(1.0, len(y) + 1)
        for model in ("logistic", "gompertz"):
            res, _ = ref.solve(model, t, y, "per_period", np.array(STARTS[(name, model)]))
            th = res.x
            rss, se, _, _ = ref.stats(model, t, y, "per_period", th)
            held = [refit_with_k(model, t, y, f * th[1], th) for f in (0.8, 1.25, 4.0)]
            undetermined = bool(se[1] >= abs(th[1]))
            print(f"{name} / {model}: theta={th} rss={rss:.15g} se(k)={se[1]:.6g} undetermined={undetermined} "
                  f"rss with k held at 0.8, 1.25, 4 x: {held}")
            out.append([name, model] + [ref.fmt(v) for v in th] + [ref.fmt(rss), ref.fmt(se[1]),
                       "true" if undetermined else "false"] + [ref.fmt(v) for v in held])
    with open(OUT_CSV, "w", newline="") as f:
        ref.generated_header(f, "Logistic and Gompertz fits to spikes: the rate k and its standard error", "undetermined_rate.py")
        f.write("# spike: " + " ".join(map(str, SPIKE)) + " (t = 1..13)\n")
        f.write("# spike_long: " + " ".join(map(str, SPIKE_LONG)) + " (t = 1..33)\n")
        f.write("# rss_k08, rss_k125, rss_k4: RSS with k held at 0.8, 1.25 and 4 times the estimate, m and t0 refitted\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "m", "k", "t0", "rss", "se_k", "undetermined", "rss_k08", "rss_k125", "rss_k4"])
        w.writerows(out)


if __name__ == "__main__":
    main()
