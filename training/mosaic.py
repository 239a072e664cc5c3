"""EuroSAT-derived 224 x 224 mosaics with exact abundance labels (the proxy task of issue 3).

A mosaic is a random partition of the window into 1 to 6 irregular (Voronoi) regions, each
filled with the texture of one EuroSAT patch; the abundance of a class is the exact fraction
of the window's pixels its regions cover. EuroSAT patches are split into train / validation
/ test before any mosaic is built, so that no patch feeds two splits.
Deterministic: every random choice comes from a seeded numpy Generator.
"""
import json
import os

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
WINDOW = 224
PATCH = 64
SPLITS = {"train": 0.70, "validation": 0.15, "test": 0.15}
PURE_SHARE = 0.2          # share of single-region (pure) windows
MAX_REGIONS = 6


def load_mapping():
    with open(os.path.join(HERE, "class_mapping.json")) as f:
        return json.load(f)


def split_patches(eurosat_dir, seed=20240607):
    """{split: [(path, eurosat_class), ...]}: a fixed share of each class, shuffled with a fixed seed."""
    rng = np.random.default_rng(seed)
    result = {name: [] for name in SPLITS}
    for cls in sorted(os.listdir(eurosat_dir)):
        folder = os.path.join(eurosat_dir, cls)
        if not os.path.isdir(folder):
            continue
        files = sorted(f for f in os.listdir(folder) if f.lower().endswith(".jpg"))
        order = rng.permutation(len(files))
        n_train = int(round(len(files) * SPLITS["train"]))
        n_val = int(round(len(files) * SPLITS["validation"]))
        bounds = {"train": (0, n_train), "validation": (n_train, n_train + n_val),
                  "test": (n_train + n_val, len(files))}
        for name, (lo, hi) in bounds.items():
            result[name].extend((os.path.join(folder, files[i]), cls) for i in order[lo:hi])
    return result


class MosaicMaker:
    """Builds mosaics from one split's patches, keeping decoded patches in memory."""

    def __init__(self, patches, mapping=None):
        self.mapping = mapping or load_mapping()
        self.n2 = self.mapping["n2"]
        self.n1 = self.mapping["n1"]
        self.n2_index = {name: i for i, name in enumerate(self.n2)}
        self.n2_to_n1 = np.zeros((len(self.n2), len(self.n1)), dtype=np.float32)
        for n2_name, n1_name in self.mapping["n2_to_n1"].items():
            self.n2_to_n1[self.n2_index[n2_name], self.n1.index(n1_name)] = 1
        self.by_class = {}
        for path, cls in patches:
            self.by_class.setdefault(cls, []).append(path)
        self.classes = sorted(self.by_class)
        self.cache = {}

    def patch(self, path):
        image = self.cache.get(path)
        if image is None:
            image = np.asarray(Image.open(path).convert("RGB"), dtype=np.uint8)
            self.cache[path] = image
        return image

    def texture(self, rng, cls):
        """A 224 x 224 texture: one patch of the class, randomly flipped/rotated, tiled."""
        paths = self.by_class[cls]
        patch = self.patch(paths[rng.integers(len(paths))])
        patch = np.rot90(patch, rng.integers(4))
        if rng.random() < 0.5:
            patch = patch[:, ::-1]
        reps = WINDOW // PATCH + 2  # room for any offset below one patch
        tiled = np.tile(patch, (reps, reps, 1))
        oy, ox = rng.integers(PATCH, size=2)
        return tiled[oy:oy + WINDOW, ox:ox + WINDOW]

    def make(self, rng):
        """One mosaic: (image uint8 [224,224,3], n2 abundance [10], n1 abundance [4])."""
        regions = 1 if rng.random() < PURE_SHARE else int(rng.integers(2, MAX_REGIONS + 1))
        seeds = rng.random((regions, 2)) * WINDOW
        yy, xx = np.mgrid[0:WINDOW, 0:WINDOW]
        distance = (yy[None] + 0.5 - seeds[:, 0, None, None]) ** 2 + (xx[None] + 0.5 - seeds[:, 1, None, None]) ** 2
        labels = np.argmin(distance, axis=0)
        image = np.zeros((WINDOW, WINDOW, 3), dtype=np.uint8)
        n2 = np.zeros(len(self.n2), dtype=np.float64)
        for region in range(regions):
            cls = self.classes[rng.integers(len(self.classes))]
            mask = labels == region
            image[mask] = self.texture(rng, cls)[mask]
            n2[self.n2_index[self.mapping["eurosat_to_n2"][cls]]] += mask.sum()
        n2 /= WINDOW * WINDOW
        return image, n2.astype(np.float32), (n2 @ self.n2_to_n1).astype(np.float32)


ANCILLARY = ["evapotranspiration", "precipitation", "elevation", "slope", "temp_ave", "temp_max", "temp_min"]


def draw_ancillary(rng, n, mapping=None):
    """n x 7 ancillary values in model order, uniform in the documented ranges, independent of labels."""
    r = (mapping or load_mapping())["ancillary_ranges"]
    u = lambda key: rng.uniform(r[key][0], r[key][1], n)
    ave = u("temp_ave")
    return np.stack([u("evapotranspiration"), u("precipitation"), u("elevation"), u("slope"),
                     ave, ave + u("temp_max_above_ave"), ave - u("temp_min_below_ave")], axis=1).astype(np.float32)


def snake(name):
    """The snake_case key of a class name, as used in model cards and result attributes."""
    key = "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_")
    while "__" in key:
        key = key.replace("__", "_")
    return key
