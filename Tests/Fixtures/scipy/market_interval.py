#!/usr/bin/env python3
"""Outside reference for the note on a market potential's t interval reaching below the adopters
observed, computed with scipy.

Run from the repository root:

    python3 Tests/Fixtures/scipy/market_interval.py

Each durable series of reference_fits.py, cut to its first n observations for every n from 5 to its
length, is fitted by Bass on per-period data exactly as holdout_forecasts.py fits a series' first
observations (reference_fits.py's time origin, starts, solver and acceptance rules). For the
accepted fits it writes m, its 95 % t interval m -/+ t_{n-3, 0.975} se(m) (se from RSS/(n - 3) * inv(J'J), by the SVD of J), the
adopters observed (the sum of the n values) and whether the rule of the note holds:

    m > total / 0.8  and  0 <= ci_low < total

(the series short of four fifths of its market, and the interval reaching below what it holds).

Writes market_interval.csv next to this script, one row per accepted cut.
"""

import os
import sys

import numpy as np
from scipy import stats as sps

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_fits as ref  # noqa: E402  (the conventions, models and solver of the fits)
from holdout_forecasts import fit_training  # noqa: E402  (Bass per period from reference_fits' starts)

OUT_CSV = os.path.join(HERE, "market_interval.csv")
LEVEL = 0.95


def main():
    np.seterr(over="ignore", invalid="ignore", divide="ignore")
    data = ref.load_series()
    rows, dropped = [], []
    for series in ref.DURABLES:
        x, y, kind = data[series]
        assert kind == "per_period"
        t = ref.periods(x)
        for n in range(5, len(y) + 1):
            th, why = fit_training(t[:n], y[:n])
            if why:
                dropped.append(f"{series}, first {n}: " + "; ".join(why))
                continue
            _, se, _, _ = ref.stats("bass", t[:n], y[:n], "per_period", th)
            half = sps.t.ppf(0.5 + LEVEL / 2, n - 3) * se[0]
            low, high, total = th[0] - half, th[0] + half, float(np.sum(y[:n]))
            note = th[0] > total / 0.8 and 0 <= low < total
            # The margin of the rule's closest comparison, relative: a test skips a cut too close to call.
            margin = min(abs(th[0] - total / 0.8) / total, abs(low - total) / total, abs(low) / total)
            rows.append([series, n, ref.fmt(th[0]), ref.fmt(low), ref.fmt(high), ref.fmt(total),
                         "true" if note else "false", ref.fmt(margin)])
            print(f"{series} first {n}: m={th[0]:.8g} ci=({low:.8g}, {high:.8g}) total={total:g} note={note}")
    with open(OUT_CSV, "w", newline="") as f:
        ref.generated_header(f, "Reference Bass fits of the durables' first n years and their market intervals",
                             "market_interval.py")
        f.write("# ci: 95 % t interval of m; note: m > total / 0.8 and 0 <= ci_low < total; margin: the rule's"
                " closest comparison, relative to total\n")
        ref.write_table(f, ["series", "n", "m", "ci_low", "ci_high", "total", "note", "margin"], rows, dropped)


if __name__ == "__main__":
    main()
