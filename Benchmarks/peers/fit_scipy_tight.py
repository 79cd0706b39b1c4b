#!/usr/bin/env python3
"""The accuracy reference for the Bass benchmark: every series of a tidy CSV fitted by
scipy's MINPACK (least_squares method='lm', analytic Jacobian) with tolerances far below
curve_fit's defaults (ftol = xtol = gtol = 1e-15 instead of 1.49e-8), so that scipy's own
early stop does not count as a disagreement.

Same model, data reading and OLS start as fit_scipy.py (imported from beside this file).
Writes series_id,p,q,m,converged,nfev,rss (converged: status > 0 and every parameter finite
and positive), the format compare_est.py reads. Not timed: curve_fit with its defaults is
the speed peer.

Usage: python3 fit_scipy_tight.py series.csv out.csv
"""
import os
import sys
import warnings

import numpy as np
from scipy.optimize import least_squares

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fit_scipy import bass_incr, bass_incr_jac, ols_start, read_series  # noqa: E402


def main(argv):
    series_path, out_path = argv[1], argv[2]
    with open(out_path, "w") as out, warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        out.write("series_id,p,q,m,converged,nfev,rss\n")
        for sid, t, a in read_series(series_path):
            p0, q0, m0, _ = ols_start(a)
            try:
                r = least_squares(lambda x: bass_incr(t, *x) - a, [p0, q0, m0],
                                  jac=lambda x: bass_incr_jac(t, *x), method="lm",
                                  ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=20000)
                x, ok, nfev = r.x, r.status > 0, r.nfev
            except (ValueError, FloatingPointError):
                x, ok, nfev = np.full(3, np.nan), False, 0
            ok = bool(ok and np.isfinite(x).all() and (x > 0).all())
            rss = float(np.sum((bass_incr(t, *x) - a) ** 2)) if np.isfinite(x).all() else float("nan")
            out.write(f"{sid},{x[0]:.17g},{x[1]:.17g},{x[2]:.17g},{int(ok)},{nfev},{rss:.17g}\n")


if __name__ == "__main__":
    main(sys.argv)
