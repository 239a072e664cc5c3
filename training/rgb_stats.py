#!/usr/bin/python3
"""Per-channel mean and standard deviation of the EuroSAT training split (for model.RGB_MEAN/RGB_STD)."""
import os
import sys

import numpy as np
from PIL import Image

from mosaic import split_patches

eurosat = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "..", "shared", "datasets", "eurosat-rgb")
total = np.zeros(3)
squares = np.zeros(3)
pixels = 0
for path, _ in split_patches(eurosat)["train"]:
    a = np.asarray(Image.open(path).convert("RGB"), dtype=np.float64).reshape(-1, 3)
    total += a.sum(0)
    squares += (a * a).sum(0)
    pixels += a.shape[0]
mean = total / pixels
std = np.sqrt(squares / pixels - mean * mean)
print("RGB_MEAN =", tuple(round(float(v), 1) for v in mean))
print("RGB_STD =", tuple(round(float(v), 1) for v in std))
