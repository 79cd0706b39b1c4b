#!/usr/bin/env python3
"""Bass fits whose least-squares minimum lies on or beside the edge q = 0 (exponential saturation).

Run from the repository root:

    python3 Tests/Fixtures/scipy/exponential_edge.py

Writes exponential_edge.csv next to this script: columns case,parameter,value (m, p, q, rss and
at_edge, 1 when the minimum is on q = 0).

Five series observed long after launch, where the Bass curve is near its q = 0 limit (the values are
in CASES below: a late tail of running totals 637 months after launch, the tail of a saturated market,
per-period tails 397, 80 and 241 periods after launch), and thirty years of sales from launch in two waves,
the second slower, where a Bass fit through the first wave is a local minimum far from the edge; and 62
running totals in two waves (every 20th day of a review's daily series, each 20 days taken as a period),
where the same holds. Period i ends at model time t = first + i - 1
(`first` below: the end of the first observed period, counted from launch); per-period values are
m*(F(t) - F(t-1)) (Srinivasan & Mason 1986), running totals m*F(t), with F the Bass cumulative share
p*(1 - e)/(p + q*e), e = exp(-(p + q)*t). Each case is fitted with q >= 0 by
scipy.optimize.least_squares(method='trf', bounds m, p, q >= 0, x_scale='jac', xtol=ftol=gtol=1e-15)
from 80 starts (numpy default_rng(2026): m from 1 to 4.5 times the observed total, p log-uniform in
[1e-5, 0.3], q log-uniform in [1e-4, 2]) and from the exponential saturation fit with q = 0; the best
is polished by method 'lm' (unbounded, tolerances 1e-15) when its q is positive. The exponential
saturation fit m*(1 - exp(-p*t)) (q = 0) is fitted the same way (method 'lm' from 40 starts); where it
is at most 1e-8 of its RSS above the best point with q > 0, or that point's q is below 1e-9 * p, the
minimum is on the edge: its m, p and RSS are those of the lower of the two (the exponential's, or the
Bass fit's with q about 1e-14, the same curve to rounding).
"""

import os

import numpy as np
import scipy
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "exponential_edge.csv")

CASES = [
    # name, cumulative, first (end of the first period, from launch), values
    ("monthly_tail", True, 637, [80981.87, 81055.068, 81128.854, 81202.855, 81276.675, 81348.486, 81422.101,
                                 81497.487, 81568.499, 81642.926, 81716.158, 81788.17]),
    ("saturated", True, 598, [5599.94, 5600.007, 5600.073, 5600.138, 5600.203, 5600.266]),
    ("tail_397", False, 397, [14.58839, 14.42228, 14.28769, 14.12504, 13.99803, 13.84783]),
    ("flat_80", False, 80, [2791.923, 2819.796, 2791.987, 2807.371, 2742.155, 2748.326, 2666.601, 2734.011,
                            2714.285, 2707.319, 2671.118, 2656.713]),
    ("tail_241", False, 241, [55.02317, 53.44035, 51.90307, 50.41, 48.95989, 47.55149, 46.18361, 44.85508,
                              43.56476, 42.31156, 41.09441, 39.91228, 38.76414, 37.64904, 36.56602, 35.51414,
                              34.49253, 33.50031, 32.53663, 31.60067, 30.69163, 29.80874, 28.95126, 28.11843,
                              27.30957, 26.52397, 25.76097]),
    ("two_waves_slower", False, 1, [46, 129, 208, 275, 173, 99, 33, 13, 4, 1, 0, 0, 0, 62, 108, 148, 151, 172, 172, 153,
                                    118, 81, 50, 36, 28, 13, 10, 5, 3, 2]),
    ("two_waves_total", True, 1, [
                          0, 0, 0, 0, 0, 0, 0, 6, 243, 1436, 3257, 4880, 5922, 6489, 6803, 6960,
                          7038, 7077, 7096, 7101, 7101, 7101, 7101, 7101, 7101, 7101, 7101, 7101,
                          7101, 7101, 7101, 7101, 7101, 7101, 7101, 7101, 7101, 7101, 7101, 7101,
                          7101, 7111, 7145, 7221, 7355, 7567, 7861, 8216, 8600, 9025, 9452, 9847,
                          10215, 10537, 10818, 11063, 11270, 11458, 11611, 11733, 11835, 11915]),
]


def share(t, p, q):
    e = np.exp(-(p + q) * t)
    return p * (1 - e) / (p + q * e)


def share_grad(t, p, q):
    e = np.exp(-(p + q) * t)
    num, den, te = p * (1 - e), p + q * e, t * e
    f = num / den
    dp = ((1 - e + p * te) * den - num * (1 - q * te)) / den**2
    dq = (p * te * den - num * (e - q * te)) / den**2
    return f, dp, dq


def bass(t, cumulative):
    def residuals(th, y):
        m, p, q = th
        value = m * share(t, p, q)
        if not cumulative:
            value = value - m * share(t - 1, p, q)
        return value - y

    def jacobian(th, y):
        m, p, q = th
        f, dp, dq = share_grad(t, p, q)
        if not cumulative:
            f0, dp0, dq0 = share_grad(t - 1, p, q)
            f, dp, dq = f - f0, dp - dp0, dq - dq0
        return np.column_stack([f, m * dp, m * dq])

    return residuals, jacobian


def exponential(t, cumulative):
    def value(th):
        m, p = th
        v = -m * np.expm1(-p * t)
        return v if cumulative else v + m * np.expm1(-p * (t - 1))

    def jacobian(th, y):
        m, p = th
        dm = -np.expm1(-p * t)
        dp = m * t * np.exp(-p * t)
        if not cumulative:
            dm = dm + np.expm1(-p * (t - 1))
            dp = dp - m * (t - 1) * np.exp(-p * (t - 1))
        return np.column_stack([dm, dp])

    return (lambda th, y: value(th) - y), jacobian


def tight(**kw):
    return dict(xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000, **kw)


def main():
    np.seterr(all="ignore")  # starts far from the data overflow; those fits are dropped
    rng = np.random.default_rng(2026)
    rows = []
    for name, cumulative, first, values in CASES:
        y = np.array(values)
        t = np.arange(first, first + len(y), dtype=float)
        total = y[-1] if cumulative else y.sum()
        # Exponential saturation (q = 0).
        fe, je = exponential(t, cumulative)
        best_e = None
        for _ in range(40):
            x0 = [total * np.exp(rng.uniform(0, 1.5)), np.exp(rng.uniform(np.log(1e-5), np.log(0.3)))]
            try:
                r = least_squares(fe, x0, jac=je, args=(y,), method="lm", x_scale="jac", **tight())
            except ValueError:
                continue
            v = float(r.fun @ r.fun)
            if np.isfinite(v) and r.x[0] > 0 and r.x[1] > 0 and (best_e is None or v < best_e[0]):
                best_e = (v, r.x)
        # Bass with q >= 0.
        fb, jb = bass(t, cumulative)
        starts = [[best_e[1][0], best_e[1][1], 1e-3 * best_e[1][1]]]
        for _ in range(80):
            starts.append([total * np.exp(rng.uniform(0, 1.5)), np.exp(rng.uniform(np.log(1e-5), np.log(0.3))),
                           np.exp(rng.uniform(np.log(1e-4), np.log(2)))])
        best_b = None
        for x0 in starts:
            try:
                r = least_squares(fb, x0, jac=jb, args=(y,), method="trf", bounds=(0, np.inf), x_scale="jac", **tight())
            except ValueError:
                continue
            v = float(r.fun @ r.fun)
            if np.isfinite(v) and (best_b is None or v < best_b[0]):
                best_b = (v, r.x)
        if best_b[1][2] > 0:
            r = least_squares(fb, best_b[1], jac=jb, args=(y,), method="lm", x_scale="jac", **tight())
            v = float(r.fun @ r.fun)
            if np.isfinite(v) and v < best_b[0] and np.all(r.x > 0):
                best_b = (v, r.x)
        if best_b[0] >= best_e[0] * (1 - 1e-8) or best_b[1][2] < 1e-9 * best_b[1][1]:
            on_edge = best_e if best_e[0] <= best_b[0] else best_b
            m, p, q, rss, edge = on_edge[1][0], on_edge[1][1], 0.0, on_edge[0], 1
        else:
            (m, p, q), rss, edge = best_b[1], best_b[0], 0
        print(f"{name}: m={m:.10g} p={p:.10g} q={q:.10g} rss={rss:.10g} edge={edge} "
              f"(exponential rss {best_e[0]:.10g}, best q > 0 rss {best_b[0]:.10g})")
        for k, v in [("m", m), ("p", p), ("q", q), ("rss", rss), ("at_edge", edge)]:
            rows.append(f"{name},{k},{float(v)!r}")
    with open(OUT, "w") as out:
        out.write("# Bass fits at and beside the edge q = 0; generated by scipy, do not edit by hand.\n")
        out.write(f"# scipy {scipy.__version__}, numpy {np.__version__}\n")
        out.write("# command (from the repository root): python3 Tests/Fixtures/scipy/exponential_edge.py\n")
        out.write("case,parameter,value\n")
        out.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
