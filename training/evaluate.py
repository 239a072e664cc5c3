#!/usr/bin/python3
"""Re-evaluate a checkpoint on N seeded test mosaics and store the figures in it (export.py then writes them
to the card). Used to measure the shipped models on more test windows than train.py's default, and by
export.py for a checkpoint whose figures lack the per-class MAE a change is weighed by.

Usage: /usr/bin/python3 training/evaluate.py --checkpoint ckpt.pt --level N1 --windows 2000
"""
import argparse
import os

import numpy as np
import torch

from model import RgbUnmixNet
from mosaic import MosaicMaker, load_mapping, split_patches
from train import EUROSAT, evaluate


def measure(model, level, windows):
    """The model's figures (overall and per class, and the mean predictor's) on `windows` seeded test mosaics."""
    mapping = load_mapping()
    classes = mapping[level.lower()]
    splits = split_patches(EUROSAT)
    train_maker = MosaicMaker(splits["train"], mapping)
    label_rng = np.random.default_rng(5)
    train_mean = np.mean([train_maker.make(label_rng)[2 if level == "N1" else 1] for _ in range(4000)], axis=0)
    return evaluate(model, MosaicMaker(splits["test"], mapping), level, mapping, windows, train_mean, classes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--level", choices=["N1", "N2"], required=True)
    parser.add_argument("--windows", type=int, default=2000)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())
    classes = load_mapping()[args.level.lower()]
    checkpoint = torch.load(args.checkpoint, map_location="cpu")
    model = RgbUnmixNet(len(classes), checkpoint["ancillary_mean"], checkpoint["ancillary_std"])
    model.load_state_dict(checkpoint["state"])
    metrics = measure(model, args.level, args.windows)
    checkpoint["provenance"]["metrics"] = metrics
    torch.save(checkpoint, args.checkpoint)
    print(args.level, "MAE", round(metrics["model"]["mae"], 3), "baseline",
          round(metrics["mean_predictor_baseline"]["mae"], 3))


if __name__ == "__main__":
    main()
