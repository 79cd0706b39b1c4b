#!/usr/bin/env python3
"""The closest sequence that never rises, by scipy's isotonic regression.

Run from the repository root:

    python3 Tests/Fixtures/scipy/falling_fit.py

Writes falling_fit.csv next to this script: columns case,rss, the least sum of squares of each series
of CASES minus a non-increasing sequence (scipy.optimize.isotonic_regression(y, increasing=False)).
"""

import os

import numpy as np
import scipy
from scipy.optimize import isotonic_regression

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "falling_fit.csv")

CASES = [
    ("two_waves_slower", [46, 129, 208, 275, 173, 99, 33, 13, 4, 1, 0, 0, 0, 62, 108, 148, 151, 172, 172, 153, 118, 81,
                          50, 36, 28, 13, 10, 5, 3, 2]),
    ("falling", [9, 7, 7, 4, 2.5, 1]),
    ("rising", [1, 2, 3, 4, 5]),
    ("one", [3]),
    ("noisy_tail", [55.2, 56.1, 51.9, 52.4, 48.9, 49.6, 46.1, 44.8, 45.3, 42.3]),
]


def main():
    with open(OUT, "w") as f:
        f.write(f"# falling_fit.py: scipy {scipy.__version__}, numpy {np.__version__}\n")
        f.write("case,rss\n")
        for case, y in CASES:
            y = np.asarray(y, dtype=float)
            fit = isotonic_regression(y, increasing=False).x
            f.write(f"{case},{format(float(np.sum((y - fit) ** 2)), '.17g')}\n")


if __name__ == "__main__":
    main()
