#!/usr/bin/env python3
"""The Richards curve's shape ratio S(u) = [ln(1+u) - u/(1+u)]/u^2 and its derivative dS/du, at 50
significant digits (mpmath), across the switch between adopt's series (|u| < 1e-2) and closed forms.

Run from the repository root:

    python3 Tests/Fixtures/scipy/shape_ratio.py

Writes shape_ratio.csv next to this script: columns u,s,ds (each printed to 17 significant digits).
dS/du is taken by mpmath's numerical differentiation of S at 50 digits and checked against the closed
form 1/(u(1+u)^2) - 2S/u, which mpmath evaluates without cancellation at that precision.
"""

import os

import mpmath as mp

mp.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "shape_ratio.csv")


def s(u):
    return (mp.log1p(u) - u / (1 + u)) / u**2


def ds(u):
    return 1 / (u * (1 + u) ** 2) - 2 * s(u) / u


POINTS = ["1e-6", "1e-3", "-5e-3", "9.99e-3", "1.001e-2", "0.5", "1", "40", "1e3", "1e6"]

with open(OUT, "w") as f:
    f.write(f"# mpmath {mp.__version__}, {mp.mp.dps} digits\n")
    f.write("u,s,ds\n")
    for text in POINTS:
        u = mp.mpf(text)
        numeric = mp.diff(s, u)
        assert abs(numeric - ds(u)) <= mp.mpf("1e-30") * abs(ds(u)), (text, numeric, ds(u))
        f.write(f"{text},{mp.nstr(s(u), 17)},{mp.nstr(ds(u), 17)}\n")
print("wrote", OUT)
