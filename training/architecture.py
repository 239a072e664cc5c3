#!/usr/bin/python3
"""Print the parameter count of each block next to the original's shapes (original-model.md)."""
import sys

from model import RgbUnmixNet, blocks

for k in (4, 10):
    model = RgbUnmixNet(k, [0] * 7, [1] * 7)
    print(f"K = {k} ({'N1' if k == 4 else 'N2'})")
    total = 0
    for name, params, original in blocks(model):
        total += params
        print(f"  {name:40s} {params:>10,d}   original: {original}")
    print(f"  {'total':40s} {total:>10,d}")
sys.exit(0)
