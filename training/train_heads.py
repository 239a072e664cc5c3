#!/usr/bin/python3
"""Stage 2: train everything after the EfficientNet features on 224 x 224 mosaics, features frozen.

The features come from stage 1 (pretrain_features.py). Because they are frozen, each training mosaic's
7 x 7 x 1280 feature map is computed once and cached (float16 on disk), and both levels' image Dense,
ancillary branch, fusion and heads are trained for many epochs over the cache in minutes.

The image Dense 62720 -> 10 starts as stage 1's patch classifier applied to each of the 49 cells and
averaged (its weights tiled and divided by 49), so it starts out giving the mosaic's mean EuroSAT class
evidence, which is close to what the heads need; training then adjusts it per cell.
Model selection: the epoch with the lowest MAE on mosaics of the validation split. Final figures: the
seeded test mosaics of train.py's evaluate(), through the whole network.

Usage: /usr/bin/python3 training/train_heads.py --features features.pt --cache DIR --cache-minutes 20 \
           --epochs 12 --out-n1 ckpt-n1.pt --out-n2 ckpt-n2.pt
"""
import argparse
import json
import math
import os
import platform
import time

import numpy as np
import torch

from model import RgbUnmixNet
from mosaic import MosaicMaker, draw_ancillary, load_mapping, split_patches
from train import EUROSAT, ancillary_stats, card_provenance, evaluate, multitask_loss

FEATURES = 7 * 7 * 1280
TRAINED = ("image_dense.", "ancillary.", "fusion.", "abundance_head.", "presence_head.")


def build(level, mapping, stage1, mean, std):
    """A model of the level with stage 1's features and the image Dense started from its classifier."""
    model = RgbUnmixNet(len(mapping[level.lower()]), mean, std)
    model.features.load_state_dict(stage1["features"])
    with torch.no_grad():
        model.image_dense.weight.copy_(stage1["classifier"]["weight"].repeat(1, 49) / 49)
        model.image_dense.bias.copy_(stage1["classifier"]["bias"])
    model.eval()
    return model


def cache(model, maker, seed, path, minutes, limit, batch=32):
    """Feature maps (float16) and N2/N1 labels of up to `limit` mosaics, built within `minutes`; reused
    when `path` already holds a finished cache."""
    meta_path = path + ".json"
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            count = json.load(f)["count"]
        print(f"reusing {count} cached mosaics in {path}", flush=True)
    else:
        rng = np.random.default_rng(seed)
        store = np.lib.format.open_memmap(path + ".features.npy", "w+", np.float16, (limit, FEATURES))
        n2s, n1s = [], []
        started, count = time.time(), 0
        with torch.no_grad():
            while count < limit and time.time() - started < minutes * 60:
                size = min(batch, limit - count)
                made = [maker.make(rng) for _ in range(size)]
                images = torch.from_numpy(np.stack([m[0] for m in made]).astype(np.float32))
                store[count:count + size] = model.image_features(images).numpy().astype(np.float16)
                n2s.extend(m[1] for m in made)
                n1s.extend(m[2] for m in made)
                count += size
                if count % (batch * 20) == 0:
                    print(f"cached {count} mosaics, {(time.time() - started) / 60:.1f} min", flush=True)
        store.flush()
        del store
        np.save(path + ".n2.npy", np.stack(n2s))
        np.save(path + ".n1.npy", np.stack(n1s))
        with open(meta_path, "w") as f:
            json.dump({"count": count, "seed": seed, "minutes": round((time.time() - started) / 60, 1)}, f)
        print(f"cached {count} mosaics in {(time.time() - started) / 60:.1f} min", flush=True)
    with open(meta_path) as f:
        meta = json.load(f)
    features = np.load(path + ".features.npy", mmap_mode="r")[:count]
    return features, {"N2": np.load(path + ".n2.npy"), "N1": np.load(path + ".n1.npy")}, meta


def validation_mae(model, features, labels, mapping):
    rng = np.random.default_rng(3)
    predictions = []
    with torch.no_grad():
        for start in range(0, len(features), 256):
            x = torch.from_numpy(features[start:start + 256].astype(np.float32))
            ancillary = torch.from_numpy(draw_ancillary(rng, len(x), mapping))
            predictions.append(torch.softmax(model.logits_from_features(x, ancillary)[0], 1).numpy())
    return float(np.abs(np.concatenate(predictions) - labels).mean() * 100)


def train_level(model, level, train, validation, mapping, args):
    features, labels = train[0], train[1][level]
    parameters = [p for name, p in model.named_parameters() if name.startswith(TRAINED)]
    optimiser = torch.optim.AdamW(parameters, lr=args.lr, weight_decay=args.weight_decay)
    rng = np.random.default_rng(2024)
    steps_per_epoch = len(features) // args.batch
    total = steps_per_epoch * args.epochs
    best, best_state, history, step = math.inf, None, [], 0
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        model.features.eval()  # frozen, and not run at all: keep its batch-norm statistics
        order = rng.permutation(len(features))
        losses = []
        for k in range(steps_per_epoch):
            index = np.sort(order[k * args.batch:(k + 1) * args.batch])
            for group in optimiser.param_groups:
                group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * step / total))
            x = torch.from_numpy(features[index].astype(np.float32))
            ancillary = torch.from_numpy(draw_ancillary(rng, len(index), mapping))
            abundance, presence = model.logits_from_features(x, ancillary)
            loss = multitask_loss(abundance, presence, torch.from_numpy(labels[index]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            losses.append(loss.item())
            step += 1
        model.eval()
        mae = validation_mae(model, validation[0], validation[1][level], mapping)
        history.append({"epoch": epoch + 1, "loss": round(float(np.mean(losses)), 4), "validation_mae": round(mae, 3)})
        print(f"{level} {history[-1]} {(time.time() - started) / 60:.1f} min", flush=True)
        if mae < best:
            best, best_state = mae, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    return {"epochs": args.epochs, "steps": step, "minutes": round((time.time() - started) / 60, 1),
            "best_validation_mae": round(best, 3), "history": history}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", required=True, help="stage 1 checkpoint (pretrain_features.py)")
    parser.add_argument("--cache", required=True, help="folder for the cached feature maps")
    parser.add_argument("--cache-minutes", type=float, default=20)
    parser.add_argument("--cache-limit", type=int, default=40000)
    parser.add_argument("--validation-windows", type=int, default=640)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--test-windows", type=int, default=2000)
    parser.add_argument("--levels", default="N2,N1")
    parser.add_argument("--out-n1")
    parser.add_argument("--out-n2")
    parser.add_argument("--eurosat", default=EUROSAT)
    args = parser.parse_args()

    torch.manual_seed(1)
    torch.set_num_threads(os.cpu_count())
    mapping = load_mapping()
    splits = split_patches(args.eurosat)
    stage1 = torch.load(args.features, map_location="cpu")
    mean, std = ancillary_stats(mapping)
    os.makedirs(args.cache, exist_ok=True)
    extractor = build("N2", mapping, stage1, mean, std)
    validation = cache(extractor, MosaicMaker(splits["validation"], mapping), 77,
                       os.path.join(args.cache, "validation"), math.inf, args.validation_windows)
    train = cache(extractor, MosaicMaker(splits["train"], mapping), 4321, os.path.join(args.cache, "train"),
                  args.cache_minutes, args.cache_limit)
    train_maker = MosaicMaker(splits["train"], mapping)
    test_maker = MosaicMaker(splits["test"], mapping)
    hardware = f"CPU, {os.cpu_count()} cores ({platform.machine()}), PyTorch {torch.__version__}"
    for level in args.levels.split(","):
        out = args.out_n1 if level == "N1" else args.out_n2
        model = build(level, mapping, stage1, mean, std)
        stage2 = train_level(model, level, train, validation, mapping, args)
        label_rng = np.random.default_rng(5)
        train_mean = np.mean([train_maker.make(label_rng)[2 if level == "N1" else 1] for _ in range(4000)], axis=0)
        metrics = evaluate(model, test_maker, level, mapping, args.test_windows, train_mean,
                           mapping[level.lower()])
        print(f"{level} test MAE {metrics['model']['mae']:.3f} pp, baseline "
              f"{metrics['mean_predictor_baseline']['mae']:.3f} pp", flush=True)
        schedule = {
            "initialised_from": "random",
            "stage_1_features": {k: v for k, v in stage1["schedule"].items() if k != "hardware"},
            "stage_2_heads": {"task": "224 x 224 training-split mosaics, EfficientNet features frozen and "
                                      "their outputs cached; image Dense, ancillary branch, fusion and heads "
                                      "trained; best epoch on validation-split mosaics kept",
                              "mosaics": int(len(train[0])), "feature_cache_minutes": train[2]["minutes"], "optimiser": "AdamW", "learning_rate": args.lr,
                              "weight_decay": args.weight_decay, "lr_schedule": "cosine over the epochs",
                              "batch": args.batch, **stage2},
            "minutes": round(stage1["schedule"]["minutes"] + train[2]["minutes"] + stage2["minutes"], 1),
        }
        torch.save({"state": model.state_dict(), "ancillary_mean": mean, "ancillary_std": std,
                    "provenance": card_provenance(level, schedule, hardware, metrics)}, out)
        print(f"saved {out}", flush=True)


if __name__ == "__main__":
    main()
