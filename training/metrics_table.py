#!/usr/bin/python3
"""Print the evaluation figures of the model cards as Markdown (for docs/models.md)."""
import json
import os
import sys

for folder in sys.argv[1:]:
    card = json.load(open(os.path.join(folder, "model.json")))
    p = card["provenance"]
    m = p["metrics"]
    s = p["schedule"]
    size = os.path.getsize(os.path.join(folder, "model.onnx")) / 1e6
    print(f"### {card['id']} (level {card['level']}, {size:.1f} MB)")
    print(f"Schedule: {s['steps']} steps of {s['batch']} mosaics ({s['images_seen']} images), Adam lr "
          f"{s['learning_rate']}, {s['minutes']} min on {p['hardware']}; initialised from {s['initialised_from']}; "
          f"trained: {s['trained_blocks']}. Test: {m['test_windows']} held-out test mosaics.\n")
    print("| class | MAE (pp) | RMSE (pp) | R2 | baseline MAE | baseline RMSE |")
    print("|---|---|---|---|---|---|")
    for key, v in m["model"]["per_class"].items():
        b = m["mean_predictor_baseline"]["per_class"][key]
        r2 = "n/a" if v["r2"] is None else f"{v['r2']:.2f}"
        print(f"| {key} | {v['mae']:.2f} | {v['rmse']:.2f} | {r2} | {b['mae']:.2f} | {b['rmse']:.2f} |")
    mm, bb = m["model"], m["mean_predictor_baseline"]
    print(f"| **mean** | **{mm['mae']:.2f}** | **{mm['rmse']:.2f}** | {mm['r2']:.2f} | {bb['mae']:.2f} | {bb['rmse']:.2f} |")
    print(f"\nMean MAE / baseline: {mm['mae'] / bb['mae']:.2f} (target: at most 0.33).\n")
