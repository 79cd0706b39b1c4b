#!/usr/bin/env python3
"""Outside reference for the note on residuals that repeat with the seasons, computed with scipy and
statsmodels.

Run from the repository root (needs statsmodels):

    python3 Tests/Fixtures/scipy/seasonal_residuals.py

Fits Bass, the logistic and the Gompertz curve per period, with reference_fits.py's models, starts and
solver (profile_intervals.py's fit_here), to the iPhone's quarters: the 46 of
Data/series/apple_iphone_quarterly_sales.csv (Q3 '07 to Q4 '18) and the 23 of
apple_iphone_quarterly_sales_rossi.csv (to Q1 '13), t = 1..n. For each fit, the residuals'
autocorrelations one and four quarters apart by statsmodels' acf (adjusted=False: about the mean,
over the sum of squares of all the residuals), and whether the rule of adopt's note holds:

    n >= 12  and  acf(4) >= 0.5  and  acf(4) > acf(1)

Also, for the periods a series has no row for: statsmodels' acf(missing='conservative') of a fixed
sequence of 16 values with the 5th and 10th missing, at lags 1 to 4 (GAPS), which adopt's
autocorrelation, pairing residuals by their times, reproduces.

Writes seasonal_residuals.csv and seasonal_acf_gaps.csv next to this script.
"""

import csv
import os
import sys

import numpy as np
from statsmodels.tsa.stattools import acf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402
from profile_intervals import fit_here  # noqa: E402

OUT_CSV = os.path.join(HERE, "seasonal_residuals.csv")
GAPS_CSV = os.path.join(HERE, "seasonal_acf_gaps.csv")
GAPS = [1.5, -0.2, 0.7, -1.1, None, -0.4, 0.9, -1.3, 1.2, None, 0.6, -0.9, 1.4, -0.3, 0.8, -1.2]
FILES = ["apple_iphone_quarterly_sales", "apple_iphone_quarterly_sales_rossi"]


def main():
    np.seterr(over="ignore", invalid="ignore", divide="ignore")
    out = []
    for name in FILES:
        rows = ref.read_commented_csv(os.path.join(ref.SERIES_DIR, name + ".csv"))
        y = np.array([float(r["value"]) for r in rows])
        t = np.arange(1.0, len(y) + 1)
        for model in ("bass", "logistic", "gompertz"):
            th = fit_here(model, t, y, "per_period")
            e = y - ref.predict(model, t, th, "per_period")[0]
            r = acf(e, nlags=4, adjusted=False, fft=False)
            note = len(y) >= 12 and r[4] >= 0.5 and r[4] > r[1]
            print(f"{name} / {model}: n={len(y)} acf(1)={r[1]:.6f} acf(4)={r[4]:.6f} note={note}")
            out.append([name, model, len(y), ref.fmt(r[1]), ref.fmt(r[4]), "true" if note else "false"])
    with open(OUT_CSV, "w", newline="") as f:
        ref.generated_header(f, "Autocorrelations of per-period residuals one and four quarters apart", "seasonal_residuals.py")
        f.write("# acf1, acf4: statsmodels acf (adjusted=False) of the residuals; note: n >= 12 and acf4 >= 0.5 and acf4 > acf1\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "model", "n", "acf1", "acf4", "note"])
        w.writerows(out)
    e = np.array([np.nan if v is None else v for v in GAPS])
    r = acf(e, nlags=4, adjusted=False, fft=False, missing="conservative")
    with open(GAPS_CSV, "w", newline="") as f:
        ref.generated_header(f, "statsmodels acf(missing='conservative') of a sequence with two values missing",
                             "seasonal_residuals.py")
        f.write("# values (t = 1..16, blank: missing): " + " ".join("" if v is None else str(v) for v in GAPS) + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["lag", "acf"])
        w.writerows([[k, ref.fmt(r[k])] for k in range(1, 5)])


if __name__ == "__main__":
    main()
