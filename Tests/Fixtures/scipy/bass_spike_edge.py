#!/usr/bin/env python3
"""A per-period Bass fit whose minimum is on the edge q = 0 (exponential saturation) through a
launch spike: 174 weeks of generated sales, the first 210,614, then a wave rising to some 7,000 a
week (the values in WEEKS below).

Run from the repository root:

    python3 Tests/Fixtures/scipy/bass_spike_edge.py

Writes bass_spike_edge_data.csv next to this script (period,sales: WEEKS), and bass_spike_edge.csv:
columns parameter,value: exp_m, exp_p, exp_rss (the
exponential saturation fit m*(1 - exp(-p*t)), per period m*(exp(-p*(i-1)) - exp(-p*i)), by
scipy.optimize.least_squares method 'lm', tolerances 1e-15, from 200 seeded starts), and bass_rss,
bass_q (the best bounded Bass fit with q >= 0: method 'trf', x_scale='jac', tolerances 1e-15, from 400
starts, numpy default_rng(2026): m from 0.5 to 4 times the first value and the total, p log-uniform
in [1e-5, 30], q log-uniform in [1e-8, 2]). Week i covers model time (i - 1, i] from launch at the
start of week 1; Bass per-period values are m*(F(i) - F(i-1)), F = (1 - e)/(1 + (q/p)*e),
e = exp(-(p + q)*t) (Srinivasan & Mason 1986). The minimum is on the edge when the exponential's RSS
is at most 1e-8 of it above the best Bass point with q > 0.
"""

import os

import numpy as np
import scipy
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))

WEEKS = np.array([
    210614.34, 205.02, 188.88, 179.40, 299.68, 302.44, 294.99, 307.18, 275.05, 336.69, 401.44, 282.45,
    390.39, 382.62, 277.80, 448.83, 535.32, 623.99, 563.78, 709.11, 773.70, 733.51, 719.68, 694.79,
    765.51, 744.10, 925.62, 745.50, 919.96, 1149.65, 1299.28, 1750.23, 1834.45, 1517.25, 1710.96, 1212.76,
    1536.15, 1078.36, 1268.99, 1511.66, 1612.85, 2055.39, 2045.49, 3057.86, 2528.71, 3185.46, 2519.24, 2809.30,
    2280.39, 1954.47, 2719.15, 2680.19, 2761.50, 3961.40, 4323.23, 4648.28, 4481.66, 3995.31, 4416.68, 3787.69,
    3712.30, 4020.14, 4420.73, 3616.78, 3328.28, 5369.75, 5689.81, 6056.40, 5362.71, 5668.12, 4806.57, 4768.68,
    3465.53, 4146.78, 4090.47, 5912.50, 5440.79, 5972.84, 6466.65, 7147.55, 6487.01, 5953.05, 4588.03, 3686.80,
    5038.01, 3120.25, 3395.01, 4544.22, 4594.97, 4914.39, 4434.73, 5346.31, 4101.69, 4179.69, 3729.03, 3290.70,
    2442.05, 2661.52, 2885.77, 3086.34, 2646.06, 2976.18, 2355.28, 3075.48, 3370.47, 2524.10, 2711.07, 2014.66,
    2429.31, 1719.52, 1759.61, 2214.66, 1900.62, 1808.93, 2591.66, 2760.32, 2077.40, 1817.92, 1751.29, 1350.85,
    1299.22, 1161.83, 1156.27, 1331.74, 1834.86, 1662.03, 1726.71, 1968.77, 1813.30, 2012.15, 1741.68, 1219.58,
    1258.25, 1098.84, 1224.74, 1217.64, 1488.84, 1862.92, 1721.63, 1484.47, 1791.14, 1650.95, 1906.57, 1225.88,
    1451.96, 1110.99, 1455.75, 1483.10, 1535.21, 1502.91, 2366.24, 1804.67, 1929.68, 1903.04, 1975.23, 1412.61,
    1424.54, 1590.98, 1729.45, 1760.36, 1850.88, 1582.53, 1821.02, 2473.23, 2322.09, 2017.83, 2232.57, 1835.07,
    1466.21, 1593.84, 1686.58, 1553.82, 1955.23, 1921.31,
])

TIGHT = dict(xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)


def bass_values(theta, n):
    m, p, q = theta
    t = np.arange(0, n + 1, dtype=float)
    e = np.exp(-(p + q) * t)
    F = (1 - e) / (1 + (q / p) * e)
    return m * np.diff(F)


def exp_values(theta, n):
    m, p = theta
    i = np.arange(1, n + 1, dtype=float)
    return m * (np.exp(-p * (i - 1)) - np.exp(-p * i))


def main():
    y = WEEKS
    n = len(y)
    rng = np.random.default_rng(2026)
    best_exp = None
    for _ in range(200):
        m0 = rng.uniform(0.5, 4) * (y[0] if rng.random() < 0.5 else y.sum())
        p0 = 10 ** rng.uniform(-5, np.log10(30))
        r = least_squares(lambda th: exp_values(th, n) - y, [m0, p0], method="lm", **TIGHT)
        if np.all(r.x > 0) and (best_exp is None or r.cost < best_exp.cost):
            best_exp = r
    best_bass = None
    for _ in range(400):
        m0 = rng.uniform(0.5, 4) * (y[0] if rng.random() < 0.5 else y.sum())
        p0 = 10 ** rng.uniform(-5, np.log10(30))
        q0 = 10 ** rng.uniform(-8, np.log10(2))
        try:
            r = least_squares(lambda th: bass_values(th, n) - y, [m0, p0, q0], method="trf",
                              bounds=([0, 1e-300, 0], [np.inf, np.inf, np.inf]), x_scale="jac", **TIGHT)
        except ValueError:
            continue
        if np.isfinite(r.cost) and (best_bass is None or r.cost < best_bass.cost):
            best_bass = r
    exp_rss = float(np.sum((exp_values(best_exp.x, n) - y) ** 2))
    bass_rss = float(np.sum((bass_values(best_bass.x, n) - y) ** 2))
    with open(os.path.join(HERE, "bass_spike_edge_data.csv"), "w") as f:
        f.write("# bass_spike_edge.py: WEEKS\nperiod,sales\n")
        for i, v in enumerate(y, start=1):
            f.write(f"{i},{float(v)!r}\n")
    with open(os.path.join(HERE, "bass_spike_edge.csv"), "w") as f:
        f.write(f"# bass_spike_edge.py, scipy {scipy.__version__}, numpy {np.__version__}\nparameter,value\n")
        for name, value in [("exp_m", best_exp.x[0]), ("exp_p", best_exp.x[1]), ("exp_rss", exp_rss),
                            ("bass_rss", bass_rss), ("bass_q", best_bass.x[2])]:
            f.write(f"{name},{float(value)!r}\n")
    print("exponential", best_exp.x, exp_rss)
    print("bass", best_bass.x, bass_rss, "edge:", exp_rss <= bass_rss * (1 + 1e-8))


if __name__ == "__main__":
    main()
