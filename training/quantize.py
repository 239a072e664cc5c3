#!/usr/bin/python3
"""Static int8 quantization of a shipped model, and its evaluation, on this machine: Debian's Python (onnx, numpy)
writes the graph (qdq.py) and ONNX Runtime, the runtime rgbunmix ships, runs it through its Java binding
(OrtRun.java), since Debian packages no onnxruntime for Python.

1. Windows: calibration mosaics from the training split (seed 11) and the test mosaics train.evaluate measures
   (seed 99, drawn in batches of 16 in the same order), so that the fp32 figure reproduces the model card's.
2. Calibration: the input and output of every node that can be quantized, over the calibration mosaics: minimum,
   maximum and a histogram; a range is the histogram's [p, 1 - p] quantiles (--percentile), or its extremes (0).
3. The QDQ graph (qdq.py) of the backbone's Conv, Sigmoid, Mul, Add and GlobalAveragePool nodes: all but those
   --keep-float names, by kind (stem: features.0; depthwise: grouped convolutions; se: the squeeze-and-excitation
   gates on pooled values; last-block: features.7; head: features.8) or by a part of their names
   (default: the shipped models' choice, SHIPPED_FLOAT).
4. Both graphs on the test mosaics through ONNX Runtime: the mean MAE and per class, fp32 against int8. Variants
   are compared on the validation mosaics (--split validation), so that the test figure is not chosen on itself.

Usage:
  /usr/bin/python3 training/quantize.py --model-dir models/sipna-n1 --level N1 --work /tmp/q-n1 \\
      [--calibration 256] [--windows 2000] [--percentile 0.001] [--keep-float KINDS] [--out models/sipna-n1-int8]
  (--jar target/rgbunmix.jar by default: build it first with the README's build command)
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

import numpy as np
import onnx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mosaic import MosaicMaker, draw_ancillary, load_mapping, split_patches  # noqa: E402
import qdq  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EUROSAT = os.path.join(HERE, "..", "..", "shared", "datasets", "eurosat-rgb")
KINDS = ("stem", "depthwise", "se", "last-block", "head")
# what the shipped int8 models keep in float: the end of the backbone, where a few channels' activations reach 100 times
# the rest's and one range per tensor cannot hold both (docs/performance.md, "int8 models")
SHIPPED_FLOAT = "/features.6.3/,last-block,head"


def inputs(maker, rng, size, level):
    """The same draws, in the same order, as train.batch: mosaics, then ancillary values."""
    images, labels = [], []
    for _ in range(size):
        image, n2, n1 = maker.make(rng)
        images.append(image)
        labels.append(n1 if level == "N1" else n2)
    return np.stack(images), draw_ancillary(rng, size), np.stack(labels)


def write_windows(folder, maker, seed, count, level, batch):
    """count windows as OrtRun.java reads them (images.u8, ancillary.f32), and their labels (labels.f32)."""
    if os.path.exists(os.path.join(folder, "labels.f32")):
        return np.fromfile(os.path.join(folder, "labels.f32"), np.float32).reshape(count, -1)
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(seed)
    parts = [inputs(maker, rng, min(batch, count - start), level) for start in range(0, count, batch)]
    np.concatenate([p[0] for p in parts]).astype(np.uint8).tofile(os.path.join(folder, "images.u8"))
    np.concatenate([p[1] for p in parts]).astype("<f4").tofile(os.path.join(folder, "ancillary.f32"))
    labels = np.concatenate([p[2] for p in parts]).astype("<f4")
    labels.tofile(os.path.join(folder, "labels.f32"))
    return labels


def ort(jar, *args):
    command = ["java", "-Xmx6g", "-cp", jar, os.path.join(HERE, "OrtRun.java"), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def evaluate(jar, model_path, folder, labels, classes):
    out = os.path.join(folder, "predicted.f32")
    started = time.time()
    ort(jar, "predict", model_path, folder, out)
    seconds = round(time.time() - started, 1)
    predicted = np.fromfile(out, np.float32).reshape(labels.shape)
    mae = np.abs(predicted * 100 - labels * 100).mean(0)
    return {"test_windows": len(labels), "mae": float(mae.mean()),
            "per_class_mae": {c: float(mae[k]) for k, c in enumerate(classes)}, "seconds": seconds}


def kinds(node, se_modules, keep):
    """The --keep-float kinds a node is of (a depthwise convolution of the last block is of both)."""
    found = set()
    if "/features.0/" in node.name:
        found.add("stem")
    if node.op_type == "Conv" and qdq.group(node) > 1:
        found.add("depthwise")
    # the gate's small tensors (N x C x 1 x 1), not the pooling or the product that read and write the big ones
    if any(node.name.startswith(module + "/") for module in se_modules) and node.op_type != "GlobalAveragePool" \
            and node.name.rsplit("/", 1)[0] not in se_modules:
        found.add("se")
    if "/features.7/" in node.name:
        found.add("last-block")
    if "/features.8/" in node.name:
        found.add("head")
    return found | {part for part in keep if part not in KINDS and part in node.name}


def ranges_from(calibration, percentile):
    ranges = {}
    for name, c in calibration.items():
        histogram = np.asarray(c["histogram"], np.float64)
        if percentile <= 0 or histogram.sum() == 0:
            ranges[name] = (c["min"], c["max"])
            continue
        cumulative = np.cumsum(histogram) / histogram.sum()
        width = (c["max"] - c["min"]) / len(histogram)
        low = c["min"] + width * np.searchsorted(cumulative, percentile)
        high = c["min"] + width * (np.searchsorted(cumulative, 1 - percentile) + 1)
        ranges[name] = (low, min(high, c["max"]))
    return ranges


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--level", choices=["N1", "N2"], required=True)
    parser.add_argument("--work", required=True, help="folder for the windows, the calibration and the graphs")
    parser.add_argument("--calibration", type=int, default=256)
    parser.add_argument("--windows", type=int, default=2000)
    parser.add_argument("--percentile", type=float, default=0.001)
    parser.add_argument("--bins", type=int, default=4096)
    parser.add_argument("--keep-float", default=SHIPPED_FLOAT,
                        help="comma-separated kinds of node (" + ", ".join(KINDS) + ") or parts of node names")
    parser.add_argument("--split", choices=["validation", "test"], default="test",
                        help="the mosaics to measure on: choose a variant on validation, report it on test")
    parser.add_argument("--jar", default=os.path.join(HERE, "..", "target", "rgbunmix.jar"))
    parser.add_argument("--out", help="write the int8 model folder (model.onnx, model.json) here")
    args = parser.parse_args()
    keep = {k for k in args.keep_float.split(",") if k}

    mapping = load_mapping()
    classes = [c["key"] for c in json.load(open(os.path.join(args.model_dir, "model.json")))["classes"]]
    splits = split_patches(EUROSAT)
    test = os.path.join(args.work, f"{args.split}-{args.level}-{args.windows}")
    labels = write_windows(test, MosaicMaker(splits[args.split], mapping), 99, args.windows, args.level, 16)
    calibration_dir = os.path.join(args.work, f"calibration-{args.level}-{args.calibration}")
    write_windows(calibration_dir, MosaicMaker(splits["train"], mapping), 11, args.calibration, args.level, 1)

    fp32_path = os.path.join(args.model_dir, "model.onnx")
    model = onnx.load(fp32_path)
    weights = {i.name for i in model.graph.initializer}
    # a squeeze-and-excitation module is the one its global average pool belongs to
    se_modules = {n.name.rsplit("/", 2)[0] for n in model.graph.node if n.op_type == "GlobalAveragePool"}
    quantizable = [n for n in model.graph.node if n.op_type in qdq.OPS and "/features" in n.name]
    chosen = {n.name for n in quantizable if not kinds(n, se_modules, keep) & keep}
    activations = lambda nodes: sorted({t for n in nodes for t in [*n.input, *n.output] if t not in weights})
    tensors = activations([n for n in quantizable if n.name in chosen])

    calibration_file = os.path.join(args.work,
                                    f"calibration-all-{os.path.basename(args.model_dir)}-{args.calibration}.json")
    if not os.path.exists(calibration_file):
        every = activations(quantizable)
        augmented = os.path.join(args.work, "augmented.onnx")
        onnx.save(qdq.with_outputs(model, every), augmented)
        print(ort(args.jar, "calibrate", augmented, calibration_dir, calibration_file, str(args.bins)), flush=True)
        os.remove(augmented)
    ranges = ranges_from(json.load(open(calibration_file)), args.percentile)

    int8 = qdq.quantize(model, {t: ranges[t] for t in tensors}, chosen)
    int8_path = os.path.join(args.work, "int8.onnx")
    onnx.save(int8, int8_path)
    fp32_file = os.path.join(test, f"fp32-{os.path.basename(args.model_dir)}.json")
    if not os.path.exists(fp32_file):
        json.dump(evaluate(args.jar, fp32_path, test, labels, classes), open(fp32_file, "w"))
    results = {"fp32": json.load(open(fp32_file)), "int8": evaluate(args.jar, int8_path, test, labels, classes)}
    variant = {"keep_float": sorted(keep), "percentile": args.percentile, "calibration": args.calibration,
               "quantized_nodes": len(chosen), "quantizable_nodes": len(quantizable)}
    print(json.dumps({**variant, "fp32_mae": round(results["fp32"]["mae"], 4),
                      "int8_mae": round(results["int8"]["mae"], 4),
                      "difference_pp": round(results["int8"]["mae"] - results["fp32"]["mae"], 4)}), flush=True)
    if args.out:
        if args.split != "test":
            parser.error("a model's card states its error on the test mosaics: --out needs --split test")
        write_card(args, int8_path, results, variant)


def write_card(args, int8_path, results, variant):
    os.makedirs(args.out, exist_ok=True)
    target = os.path.join(args.out, "model.onnx")
    with open(int8_path, "rb") as source, open(target, "wb") as sink:
        sink.write(source.read())
    card = json.load(open(os.path.join(args.model_dir, "model.json")))
    card["id"] = card["id"] + "-int8"
    card["title"] = card.get("title", card["id"]) + " (int8, static QDQ quantization)"
    card["sha256"] = hashlib.sha256(open(target, "rb").read()).hexdigest()
    # The card's figures are the int8 graph's own (MAE only: RMSE and R2 were not computed for it).
    metrics = card.setdefault("provenance", {}).setdefault("metrics", {})
    metrics["test_windows"] = args.windows
    metrics["model"] = {"mae": results["int8"]["mae"],
                        "per_class": {k: {"mae": v} for k, v in results["int8"]["per_class_mae"].items()}}
    card["provenance"]["quantization"] = {
        "tool": "training/quantize.py (QDQ graph written by training/qdq.py with onnx "
                f"{onnx.__version__}; calibrated and evaluated by ONNX Runtime through training/OrtRun.java)",
        "format": "QDQ: the backbone's convolutions, SiLU (Sigmoid, Mul), squeeze-and-excitation and residual Adds "
                  "int8 (QLinear nodes once ONNX Runtime fuses them), but those kept float; the heads float",
        "weights": "int8, symmetric, per output channel", "activations": "uint8, asymmetric",
        "kept_float": variant["keep_float"] or "none",
        "quantized_nodes": f"{variant['quantized_nodes']} of {variant['quantizable_nodes']}",
        "calibration": f"{args.calibration} training-split mosaics (seed 11), histogram of {args.bins} bins, "
                       f"range [{args.percentile}, 1 - {args.percentile}] quantiles",
        "evaluation": results}
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
