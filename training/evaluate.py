#!/usr/bin/python3
"""Re-evaluate a checkpoint on N seeded test mosaics and store the figures in it (export.py then writes them
to the card). Used to measure the shipped models on more test windows than train.py's default.

Usage: /usr/bin/python3 training/evaluate.py --checkpoint ckpt.pt --level N1 --windows 2000
"""
import argparse
import os

import numpy as np
import torch

from model import RgbUnmixNet
from mosaic import MosaicMaker, load_mapping, split_patches
from train import EUROSAT, evaluate

parser = argparse.ArgumentParser()
parser.add_argument("--checkpoint", required=True)
parser.add_argument("--level", choices=["N1", "N2"], required=True)
parser.add_argument("--windows", type=int, default=2000)
args = parser.parse_args()
torch.set_num_threads(os.cpu_count())
mapping = load_mapping()
classes = mapping[args.level.lower()]
checkpoint = torch.load(args.checkpoint, map_location="cpu")
model = RgbUnmixNet(len(classes), checkpoint["ancillary_mean"], checkpoint["ancillary_std"])
model.load_state_dict(checkpoint["state"])
splits = split_patches(EUROSAT)
train_maker = MosaicMaker(splits["train"], mapping)
label_rng = np.random.default_rng(5)
train_mean = np.mean([train_maker.make(label_rng)[2 if args.level == "N1" else 1] for _ in range(4000)], axis=0)
metrics = evaluate(model, MosaicMaker(splits["test"], mapping), args.level, mapping, args.windows, train_mean, classes)
checkpoint["provenance"]["metrics"] = metrics
torch.save(checkpoint, args.checkpoint)
print(args.level, "MAE", round(metrics["model"]["mae"], 3), "baseline", round(metrics["mean_predictor_baseline"]["mae"], 3))
