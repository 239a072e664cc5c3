#!/usr/bin/python3
"""Export a trained checkpoint (or a random initialisation, for benchmarks) to a model folder:
model.onnx, model.json (the model card, SPEC section 3) and fixture.json (inputs and the
outputs torch gave for them at export time, for the Java parity test).

Usage: /usr/bin/python3 training/export.py --level N1 --out models/sipna-n1 [--checkpoint ckpt.pt | --random]

A checkpoint whose figures lack the per-class MAE (older than train.py's per-class evaluation) is measured
on the test mosaics first, so that every trained card states the error a change is weighed by.
"""
import argparse
import hashlib
import json
import os

import numpy as np
import onnx
import torch

from model import RgbUnmixNet, export_onnx
from mosaic import ANCILLARY, draw_ancillary, load_mapping, snake

UNITS = {"evapotranspiration": "mm/year", "precipitation": "mm/year", "elevation": "m", "slope": "degree",
         "temp_ave": "degC", "temp_max": "degC", "temp_min": "degC"}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--level", choices=["N1", "N2"], required=True)
    parser.add_argument("--out", required=True)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--checkpoint")
    group.add_argument("--random", action="store_true", help="random initialisation (benchmarks only)")
    parser.add_argument("--windows", type=int, default=2000,
                        help="test mosaics to measure a checkpoint's per-class MAE on, where it has none")
    args = parser.parse_args()

    mapping = load_mapping()
    classes = mapping[args.level.lower()]
    if args.checkpoint:
        checkpoint = torch.load(args.checkpoint, map_location="cpu")
        model = RgbUnmixNet(len(classes), checkpoint["ancillary_mean"], checkpoint["ancillary_std"])
        model.load_state_dict(checkpoint["state"])
        provenance = checkpoint["provenance"]
        if provenance.get("trained", True) and "per_class" not in provenance.get("metrics", {}).get("model", {}):
            # a change is weighed by each class's error (rgbunmix change, estimate-change): an older checkpoint
            # without it is measured now, on the seeded test mosaics evaluate.py uses
            from evaluate import measure
            model.eval()
            provenance["metrics"] = measure(model, args.level, args.windows)
            print(f"measured the per-class MAE the checkpoint lacked on {args.windows} test mosaics")
    else:
        torch.manual_seed(0)
        model = RgbUnmixNet(len(classes), [0] * 7, [1] * 7)
        provenance = {"trained": False, "description": "random initialisation of the architecture; for "
                      "benchmarking speed only, its outputs mean nothing"}
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    export_onnx(model, onnx_path)
    onnx.checker.check_model(onnx.load(onnx_path))

    rng = np.random.default_rng(11)
    # fixture images are 8 x 8 blocks of 28 x 28 uniform pixels: the fixture stores the 8 x 8 x 3 block
    # values of each image (the Java test expands them) instead of its 150,528 pixels
    blocks = rng.integers(0, 256, (3, 8, 8, 3)).astype(np.float32)
    images = np.repeat(np.repeat(blocks, 28, axis=1), 28, axis=2)
    ancillary = draw_ancillary(rng, 3, mapping)
    with torch.no_grad():
        abundance, presence = model(torch.from_numpy(images), torch.from_numpy(ancillary))
    with open(os.path.join(args.out, "fixture.json"), "w") as f:
        json.dump({"blockSize": 28, "imageBlocks": blocks.tolist(), "ancillary": ancillary.tolist(),
                   "abundance": abundance.numpy().tolist(), "presence": presence.numpy().tolist()}, f)

    with open(onnx_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    model_id = os.path.basename(os.path.normpath(args.out))
    card = {
        "id": model_id,
        "level": args.level,
        "title": provenance.get("title", f"{args.level} abundances ({len(classes)} SIPNA classes)"),
        "classes": [{"key": snake(c), "name": c} for c in classes],
        "tensors": {"image": "image", "ancillary": "ancillary", "abundance": "abundance", "presence": "presence"},
        "ancillary": [{"name": n, "unit": UNITS[n]} for n in ANCILLARY],
        "windowSize": 224,
        "groundSampleDistance": 10.0,
        "sha256": digest,
        "provenance": provenance,
    }
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    print(f"wrote {args.out}: model.onnx ({os.path.getsize(onnx_path) / 1e6:.1f} MB), model.json, fixture.json")


if __name__ == "__main__":
    main()
