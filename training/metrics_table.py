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
    if "stage_1_features" in s:  # train_heads.py: two stages
        f, h = s["stage_1_features"], s["stage_2_heads"]
        print(f"Schedule ({s['minutes']} min on {p['hardware']}, from random initialisation): stage 1, "
              f"{f['task']}: {f['patches_seen']} patches ({f['steps']} steps of {f['batch']}), {f['optimiser']} "
              f"lr {f['learning_rate']}, {f['minutes']} min, validation accuracy {f['validation_accuracy']:.3f}; "
              f"stage 2, features frozen: {h['mosaics']} mosaics cached in {h['feature_cache_minutes']} min, "
              f"{h['epochs']} epochs ({h['steps']} steps of {h['batch']}), {h['optimiser']} lr {h['learning_rate']}, "
              f"{h['minutes']} min, best validation MAE {h['best_validation_mae']} pp. "
              f"Test: {m['test_windows']} held-out test mosaics.\n")
    else:  # train.py
        print(f"Schedule: {s['steps']} steps of {s['batch']} mosaics ({s['images_seen']} images), Adam lr "
              f"{s['learning_rate']}, {s['minutes']} min on {p['hardware']}; initialised from "
              f"{s['initialised_from']}; trained: {s['trained_blocks']}. Test: {m['test_windows']} held-out "
              f"test mosaics.\n")
    print("| class | MAE (pp) | RMSE (pp) | R2 | baseline MAE | baseline RMSE |")
    print("|---|---|---|---|---|---|")
    for key, v in m["model"]["per_class"].items():
        b = m["mean_predictor_baseline"]["per_class"][key]
        r2 = "n/a" if v["r2"] is None else f"{v['r2']:.2f}"
        print(f"| {key} | {v['mae']:.2f} | {v['rmse']:.2f} | {r2} | {b['mae']:.2f} | {b['rmse']:.2f} |")
    mm, bb = m["model"], m["mean_predictor_baseline"]
    print(f"| **mean** | **{mm['mae']:.2f}** | **{mm['rmse']:.2f}** | {mm['r2']:.2f} | {bb['mae']:.2f} | {bb['rmse']:.2f} |")
    print(f"\nMean MAE / baseline: {mm['mae'] / bb['mae']:.2f} (target: at most 0.33).\n")
