#!/usr/bin/python3
"""Train one level's model on EuroSAT-derived mosaics, evaluate it on held-out test mosaics and save a
checkpoint that export.py turns into model.onnx + model.json.

Multi-task loss: soft-label cross-entropy on the abundances plus binary cross-entropy on presence
(a class is present when its abundance > 0). Mosaics are generated on the fly from the split's patches
(training/mosaic.py), so every step sees new mosaics; the test set is a fixed, seeded set of mosaics
from the test patches only.

Usage: /usr/bin/python3 training/train.py --level N2 --minutes 50 --out ckpt-n2.pt
       /usr/bin/python3 training/train.py --level N1 --init ckpt-n2.pt --heads-only --minutes 10 --out ckpt-n1.pt
"""
import argparse
import json
import os
import platform
import time

import numpy as np
import torch
import torch.nn.functional as F

from model import RgbUnmixNet
from mosaic import MosaicMaker, draw_ancillary, load_mapping, snake, split_patches

EUROSAT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "datasets", "eurosat-rgb")
NO_TRAINING_DATA = {"N1": [], "N2": ["Greenhouses", "Combinations of croplands and natural vegetation",
                                    "Shrubland and Shrublands with trees", "Barelands"]}


def ancillary_stats(mapping):
    sample = draw_ancillary(np.random.default_rng(0), 100000, mapping)
    return sample.mean(0).tolist(), sample.std(0).tolist()


def batch(maker, rng, size, level, mapping):
    images, labels = [], []
    for _ in range(size):
        image, n2, n1 = maker.make(rng)
        images.append(image)
        labels.append(n1 if level == "N1" else n2)
    return (torch.from_numpy(np.stack(images).astype(np.float32)),
            torch.from_numpy(draw_ancillary(rng, size, mapping)),
            torch.from_numpy(np.stack(labels)))


def evaluate(model, maker, level, mapping, count, train_mean, classes):
    """MAE, RMSE (percentage points) and R2 per class on `count` seeded test mosaics, and the baseline."""
    rng = np.random.default_rng(99)
    model.eval()
    predictions, truths = [], []
    with torch.no_grad():
        for start in range(0, count, 16):
            images, ancillary, labels = batch(maker, rng, min(16, count - start), level, mapping)
            predictions.append(model(images, ancillary)[0].numpy())
            truths.append(labels.numpy())
    p = np.concatenate(predictions) * 100
    t = np.concatenate(truths) * 100
    base = np.broadcast_to(np.asarray(train_mean) * 100, t.shape)

    def metrics(pred):
        err = pred - t
        mae = np.abs(err).mean(0)
        rmse = np.sqrt((err ** 2).mean(0))
        var = ((t - t.mean(0)) ** 2).sum(0)
        r2 = np.where(var > 0, 1 - (err ** 2).sum(0) / np.where(var > 0, var, 1), np.nan)
        return {"mae": float(mae.mean()), "rmse": float(rmse.mean()),
                "r2": float(np.nanmean(r2)) if np.isfinite(r2).any() else None,
                "per_class": {snake(c): {"mae": float(mae[k]), "rmse": float(rmse[k]),
                                         "r2": None if not np.isfinite(r2[k]) else float(r2[k])}
                              for k, c in enumerate(classes)}}

    return {"test_windows": int(count), "model": metrics(p), "mean_predictor_baseline": metrics(base)}


def multitask_loss(abundance_logits, presence_logits, labels):
    """Soft-label cross-entropy on the abundances plus binary cross-entropy on presence (abundance > 0)."""
    return (-(labels * F.log_softmax(abundance_logits, dim=1)).sum(1).mean()
            + F.binary_cross_entropy_with_logits(presence_logits, (labels > 0).float()))


def card_provenance(level, schedule, hardware, metrics):
    """The model card's provenance block: what the weights are, how and on what they were trained."""
    return {
        "trained": True,
        "title": f"SIPNA {level} abundances, EfficientNet-B0 + ancillary multi-task model "
                 "(proxy training on EuroSAT mosaics)",
        "description": "trained on EuroSAT-derived synthetic mosaics; not the LifeWatch SIPNA-trained weights. "
                       "Same architecture and tensor contract as the LifeWatch model.",
        "classes_without_training_data": NO_TRAINING_DATA[level],
        "ancillary_note": "the ancillary values seen in training were drawn independently of the labels "
                          "from plausible Andalusian ranges: they carry no information",
        "training_data": "EuroSAT RGB (Helber et al., 2019, MIT licence): 70/15/15 train/validation/test "
                         "split of the patches before mosaicking; 224 x 224 Voronoi mosaics of 1-6 regions "
                         "(20 % pure), labels = exact pixel fractions; class mapping training/class_mapping.json",
        "schedule": schedule,
        "hardware": hardware,
        "metrics": metrics,
        "licence": "weights: same terms as the rgbunmix repository; training data EuroSAT (MIT)",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--level", choices=["N1", "N2"], required=True)
    parser.add_argument("--minutes", type=float, required=True, help="training time budget")
    parser.add_argument("--out", required=True)
    parser.add_argument("--init", help="checkpoint whose image and ancillary branches start this model")
    parser.add_argument("--heads-only", action="store_true",
                        help="with --init: freeze the EfficientNet features and the ancillary branch; train the "
                             "image Dense, the fusion and the heads")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--test-windows", type=int, default=480)
    parser.add_argument("--eurosat", default=EUROSAT)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()

    torch.manual_seed(1)
    mapping = load_mapping()
    classes = mapping[args.level.lower()]
    splits = split_patches(args.eurosat)
    train_maker = MosaicMaker(splits["train"], mapping)
    test_maker = MosaicMaker(splits["test"], mapping)
    mean, std = ancillary_stats(mapping)
    model = RgbUnmixNet(len(classes), mean, std)
    if args.init:
        state = torch.load(args.init, map_location="cpu")["state"]
        own = model.state_dict()
        shared = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape
                  and not k.startswith(("abundance_head.", "presence_head."))}
        model.load_state_dict(shared, strict=False)
        print(f"initialised {len(shared)} tensors from {args.init}")
    trainable = model.parameters()
    if args.heads_only:
        for name, p in model.named_parameters():
            p.requires_grad = name.startswith(("image_dense.", "fusion.", "abundance_head.", "presence_head."))
        trainable = [p for p in model.parameters() if p.requires_grad]
    model.to(args.device)
    optimiser = torch.optim.Adam(trainable, lr=args.lr)

    # the mean predictor's abundances: the mean label of 4,000 training mosaics
    label_rng = np.random.default_rng(5)
    train_mean = np.mean([train_maker.make(label_rng)[2 if args.level == "N1" else 1] for _ in range(4000)], axis=0)

    rng = np.random.default_rng(1234)
    started = time.time()
    deadline = started + args.minutes * 60
    steps = 0
    losses = []
    model.train()
    if args.heads_only:
        model.features.eval()  # frozen: keep its batch-norm statistics
    while time.time() < deadline:
        images, ancillary, labels = (t.to(args.device) for t in batch(train_maker, rng, args.batch, args.level, mapping))
        abundance, presence = model.logits(images, ancillary)
        loss = multitask_loss(abundance, presence, labels)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        steps += 1
        losses.append(loss.item())
        if steps % 50 == 0:
            print(f"step {steps} images {steps * args.batch} loss {np.mean(losses[-50:]):.4f} "
                  f"{(time.time() - started) / 60:.1f} min", flush=True)
    minutes = (time.time() - started) / 60
    model.cpu()
    metrics = evaluate(model, test_maker, args.level, mapping, args.test_windows, train_mean, classes)
    print(json.dumps({k: metrics[k]["mae"] if isinstance(metrics[k], dict) else metrics[k] for k in metrics}))
    hardware = (torch.cuda.get_device_name(0) if args.device == "cuda"
                else f"CPU, {os.cpu_count()} cores ({platform.machine()}), PyTorch {torch.__version__}")
    schedule = {"optimiser": "Adam", "learning_rate": args.lr, "batch": args.batch, "steps": steps,
                "images_seen": steps * args.batch, "minutes": round(minutes, 1),
                "initialised_from": os.path.basename(args.init) if args.init else "random",
                "trained_blocks": "image Dense, fusion and heads (EfficientNet features and ancillary "
                                  "branch frozen)" if args.heads_only else "all",
                "final_loss": float(np.mean(losses[-50:])) if losses else None}
    provenance = card_provenance(args.level, schedule, hardware, metrics)
    torch.save({"state": model.state_dict(), "ancillary_mean": mean, "ancillary_std": std,
                "provenance": provenance}, args.out)
    print(f"saved {args.out} after {steps} steps ({minutes:.1f} min)")


if __name__ == "__main__":
    main()
