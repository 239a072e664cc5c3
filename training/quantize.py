#!/usr/bin/python3
"""Static int8 quantization of a shipped model with ONNX Runtime's own tooling, and its evaluation.

ONNX Runtime's quantizer (onnxruntime.quantization: QDQ format, per-channel int8 weights, uint8
activations, calibration on training-split mosaics) is in the onnxruntime Python package, which
the GPU machine has and Debian does not: this script runs there. It evaluates the fp32 and the int8
graphs through ONNX Runtime on the same seeded test mosaics as train.evaluate (seed 99, batches of
16), so the fp32 figure must reproduce the model card's. Whether the int8 model is shipped is
decided on this figure and on the speed of both on the target CPU (docs/performance.md).

Usage (on a machine with onnxruntime; patches.json from `quantize.py --list-patches`):
  python3 training/quantize.py --model-dir models/sipna-n1 --level N1 --patches DIR/patches.json \
      --calibration 256 --windows 2000 --out OUT/sipna-n1-int8
  /usr/bin/python3 training/quantize.py --list-patches DIR --calibration-patches 800
      (here: copies the test split and a seeded share of the training split under DIR, with the list)
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mosaic import MosaicMaker, draw_ancillary, load_mapping, split_patches  # noqa: E402

EUROSAT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "datasets", "eurosat-rgb")


def list_patches(folder, calibration_patches):
    """Copies the test split and `calibration_patches` training patches (seeded) into folder."""
    splits = split_patches(EUROSAT)
    rng = np.random.default_rng(7)
    train = [splits["train"][i] for i in sorted(rng.choice(len(splits["train"]), calibration_patches, replace=False))]
    entries = []
    for split, patches in (("test", splits["test"]), ("calibration", train)):
        for path, cls in patches:
            rel = os.path.join(split, cls, os.path.basename(path))
            os.makedirs(os.path.join(folder, split, cls), exist_ok=True)
            shutil.copyfile(path, os.path.join(folder, rel))
            entries.append({"split": split, "path": rel, "class": cls})
    with open(os.path.join(folder, "patches.json"), "w") as f:
        json.dump(entries, f)
    print(f"{len(splits['test'])} test and {len(train)} calibration patches in {folder}")


def makers(patches_json, mapping):
    root = os.path.dirname(os.path.abspath(patches_json))
    entries = json.load(open(patches_json))
    by_split = {}
    for e in entries:  # list order is split_patches' order, which the mosaics' random draws depend on
        by_split.setdefault(e["split"], []).append((os.path.join(root, e["path"]), e["class"]))
    return MosaicMaker(by_split["calibration"], mapping), MosaicMaker(by_split["test"], mapping)


def inputs(maker, rng, size, level, mapping):
    """The same draws, in the same order, as train.batch: mosaics, then ancillary values."""
    images, labels = [], []
    for _ in range(size):
        image, n2, n1 = maker.make(rng)
        images.append(image)
        labels.append(n1 if level == "N1" else n2)
    return np.stack(images).astype(np.float32), draw_ancillary(rng, size, mapping), np.stack(labels)


def evaluate(session, card, maker, level, mapping, count):
    names = card["tensors"]
    rng = np.random.default_rng(99)
    predictions, truths = [], []
    started = time.time()
    for start in range(0, count, 16):
        images, ancillary, labels = inputs(maker, rng, min(16, count - start), level, mapping)
        out = session.run([names["abundance"]], {names["image"]: images, names["ancillary"]: ancillary})[0]
        predictions.append(out)
        truths.append(labels)
    p = np.concatenate(predictions) * 100
    t = np.concatenate(truths) * 100
    mae = np.abs(p - t).mean(0)
    return {"test_windows": count, "mae": float(mae.mean()),
            "per_class_mae": {c["key"]: float(mae[k]) for k, c in enumerate(card["classes"])},
            "seconds": round(time.time() - started, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--list-patches")
    parser.add_argument("--calibration-patches", type=int, default=800)
    parser.add_argument("--model-dir")
    parser.add_argument("--level", choices=["N1", "N2"])
    parser.add_argument("--patches")
    parser.add_argument("--calibration", type=int, default=256)
    parser.add_argument("--windows", type=int, default=2000)
    parser.add_argument("--method", choices=["MinMax", "Percentile", "Entropy"], default="MinMax")
    parser.add_argument("--ops", default="", help="comma-separated op types to quantize (default: all)")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.list_patches:
        list_patches(args.list_patches, args.calibration_patches)
        return

    import onnxruntime as ort
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                          quant_pre_process, quantize_static)

    mapping = load_mapping()
    card = json.load(open(os.path.join(args.model_dir, "model.json")))
    names = card["tensors"]
    calibration_maker, test_maker = makers(args.patches, mapping)
    os.makedirs(args.out, exist_ok=True)

    class Mosaics(CalibrationDataReader):
        def __init__(self):
            self.rng = np.random.default_rng(11)
            self.left = args.calibration

        def get_next(self):
            if self.left <= 0:
                return None
            self.left -= 1
            images, ancillary, _ = inputs(calibration_maker, self.rng, 1, args.level, mapping)
            return {names["image"]: images, names["ancillary"]: ancillary}

    fp32 = os.path.join(args.model_dir, "model.onnx")
    prepared = os.path.join(args.out, "prepared.onnx")
    quant_pre_process(fp32, prepared)
    int8 = os.path.join(args.out, "model.onnx")
    started = time.time()
    quantize_static(prepared, int8, Mosaics(), quant_format=QuantFormat.QDQ, per_channel=True,
                    weight_type=QuantType.QInt8, activation_type=QuantType.QUInt8,
                    calibrate_method=CalibrationMethod[args.method],
                    op_types_to_quantize=args.ops.split(",") if args.ops else None)
    quantize_seconds = round(time.time() - started, 1)
    os.remove(prepared)

    options = ort.SessionOptions()
    results = {}
    for label, path in (("fp32", fp32), ("int8", int8)):
        session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        results[label] = evaluate(session, card, test_maker, args.level, mapping, args.windows)
        print(args.level, label, "MAE", round(results[label]["mae"], 3), "pp,", results[label]["seconds"], "s",
              flush=True)

    sha = hashlib.sha256(open(int8, "rb").read()).hexdigest()
    card["id"] = card["id"] + "-int8"
    card["title"] = card.get("title", card["id"]) + " (int8, static QDQ quantization)"
    card["sha256"] = sha
    # The card's figures are the int8 graph's own (MAE only: RMSE and R2 were not computed for it).
    metrics = card.setdefault("provenance", {}).setdefault("metrics", {})
    metrics["test_windows"] = args.windows
    metrics["model"] = {"mae": results["int8"]["mae"],
                        "per_class": {k: {"mae": v} for k, v in results["int8"]["per_class_mae"].items()}}
    card["provenance"]["quantization"] = {
        "tool": f"onnxruntime.quantization.quantize_static (onnxruntime {ort.__version__})",
        "format": "QDQ", "op_types": args.ops or "all", "weights": "int8 per channel", "activations": "uint8", "calibration":
            f"{args.calibration} training-split mosaics (seed 11), {args.method}", "seconds": quantize_seconds,
        "evaluation": results}
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(card, f, indent=2)
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump({"level": args.level, "calibration": args.calibration, "method": args.method, "op_types": args.ops or "all", **results}, f, indent=2)


if __name__ == "__main__":
    main()
