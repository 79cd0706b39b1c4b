#!/usr/bin/env python3
"""Student-t quantiles from scipy, as reference values for the adopt toolkit's t.ppf.

Run from the repository root:

    python3 Tests/Fixtures/scipy/t_quantiles.py

Writes t_quantiles.csv next to this script: columns df,probability,quantile, where
quantile = scipy.stats.t.ppf(probability, df), formatted with '.17g' (round-trips float64); the
probability is written as the shortest repr of the float64 (0.975 etc.), which parses back to the same double.
"""

import os
import sys

import numpy as np
import scipy
from scipy.stats import t as student_t

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_CSV = os.path.join(HERE, "t_quantiles.csv")

PROBABILITIES = [0.975, 0.995, 0.95, 0.025]
DFS = [1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 1000, 100000]


def main():
    with open(OUT_CSV, "w", newline="") as f:
        f.write("# Student-t quantiles: quantile = scipy.stats.t.ppf(probability, df); generated, do not edit by hand.\n")
        f.write(f"# scipy {scipy.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}\n")
        f.write("# command (from the repository root): python3 Tests/Fixtures/scipy/t_quantiles.py\n")
        f.write("df,probability,quantile\n")
        n = 0
        for df in DFS:
            for prob in PROBABILITIES:
                q = float(student_t.ppf(prob, df))
                f.write(f"{df},{prob!r},{format(q, '.17g')}\n")
                n += 1
    print(f"wrote {n} quantiles to {os.path.relpath(OUT_CSV, os.getcwd())}")


if __name__ == "__main__":
    main()
