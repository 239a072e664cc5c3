#!/usr/bin/python3
"""The same architecture in PyTorch eager mode, timed as `rgbunmix bench` times ONNX Runtime's raw path.

    /usr/bin/python3 training/bench_torch.py [--level N1|N2] [--batches 1,16] [--windows 64] [--repeats 5]
                                             [--threads N] [--json]

Debian's torch (python3-torch, python3-torchvision) on the CPU. The weights are random: the work of a
forward pass does not depend on their values, only on the architecture (training/model.py, the
LifeWatch layout). Input as the serving contract has it: float32 [N,224,224,3] RGB 0..255 and [N,7].
For each batch size: a warm-up, then `repeats` timings of `windows` windows, reported as median, min
and max windows/s, like the Java bench's raw figure. Run both in one session to compare them
(docs/performance.md).
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import RgbUnmixNet  # noqa: E402


def measure(model, batch, windows, repeats):
    images = torch.rand(batch, 224, 224, 3) * 255
    ancillary = torch.rand(batch, 7) * 100
    batches = max(1, windows // batch)
    with torch.inference_mode():
        for _ in range(2):                       # warm-up: allocator and kernels
            model(images, ancillary)
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            for _ in range(batches):
                model(images, ancillary)
            runs.append(batches * batch / (time.perf_counter() - start))
    return {"median": statistics.median(runs), "min": min(runs), "max": max(runs), "runs": runs,
            "windowsPerMeasurement": batches * batch}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="N1", choices=["N1", "N2"])
    parser.add_argument("--batches", default="1,16")
    parser.add_argument("--windows", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    model = RgbUnmixNet(4 if args.level == "N1" else 10, [0.0] * 7, [1.0] * 7).eval()
    report = {"framework": "PyTorch %s eager, CPU" % torch.__version__, "level": args.level,
              "threads": args.threads, "repeats": args.repeats, "windowsPerSecond": {}}
    for batch in [int(b) for b in args.batches.split(",")]:
        report["windowsPerSecond"]["batch %d" % batch] = measure(model, batch, args.windows, args.repeats)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print("%s, level %s, %d thread(s), %d repeats after a warm-up" % (report["framework"], args.level, args.threads,
                                                                      args.repeats))
    for name, figures in report["windowsPerSecond"].items():
        print("%-9s median %7.1f windows/s (min %.1f, max %.1f), %d windows per measurement"
              % (name + ":", figures["median"], figures["min"], figures["max"], figures["windowsPerMeasurement"]))


if __name__ == "__main__":
    main()
