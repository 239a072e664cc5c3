#!/usr/bin/python3
"""Stage 1: teach the EfficientNet-B0 features to recognise EuroSAT textures, from random initialisation.

Why: on 2 CPU cores, training the whole network on 224 x 224 mosaics sees about 8 mosaics a second, far
too few for an EfficientNet from scratch. Classifying single 64 x 64 patches (their native 10 m scale, the
scale they have inside the mosaics) costs 12 times less per image and gives a direct signal per patch, so
the features learn the textures in minutes instead of days. Only the training split's patches are used.

The classifier on top (global average pool + Linear 1280 -> 10 EuroSAT classes) exists only here; it is
saved so that stage 2 (train_heads.py) can start the image Dense from it.

Usage: /usr/bin/python3 training/pretrain_features.py --minutes 35 --out features.pt
"""
import argparse
import math
import os
import platform
import time

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
from PIL import Image

from model import RGB_MEAN, RGB_STD
from mosaic import split_patches
from train import EUROSAT


def load(patches, classes):
    images = np.stack([np.asarray(Image.open(p).convert("RGB"), dtype=np.uint8) for p, _ in patches])
    labels = np.asarray([classes.index(c) for _, c in patches], dtype=np.int64)
    return images, labels


def augment(images, rng):
    """A random rotation by a multiple of 90 degrees and a random flip per patch (textures have no up)."""
    out = np.empty_like(images)
    for i, image in enumerate(images):
        image = np.rot90(image, rng.integers(4))
        out[i] = image[:, ::-1] if rng.random() < 0.5 else image
    return out


class PatchClassifier(torch.nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.features = torchvision.models.efficientnet_b0(weights=None).features
        self.classifier = torch.nn.Linear(1280, classes)
        self.register_buffer("rgb_mean", torch.tensor(RGB_MEAN).view(1, 3, 1, 1))
        self.register_buffer("rgb_std", torch.tensor(RGB_STD).view(1, 3, 1, 1))

    def forward(self, images_nhwc):
        x = (images_nhwc.permute(0, 3, 1, 2) - self.rgb_mean) / self.rgb_std
        return self.classifier(self.features(x).mean((2, 3)))


def accuracy(model, images, labels):
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(images), 256):
            logits = model(torch.from_numpy(images[start:start + 256].astype(np.float32)))
            correct += (logits.argmax(1).numpy() == labels[start:start + 256]).sum()
    model.train()
    return correct / len(images)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, required=True, help="training time budget; the learning "
                        "rate follows a cosine over it")
    parser.add_argument("--out", required=True)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--eurosat", default=EUROSAT)
    args = parser.parse_args()

    torch.manual_seed(1)
    torch.set_num_threads(os.cpu_count())
    splits = split_patches(args.eurosat)
    classes = sorted({c for _, c in splits["train"]})
    train_images, train_labels = load(splits["train"], classes)
    val_images, val_labels = load(splits["validation"], classes)
    print(f"{len(train_images)} training patches, {len(val_images)} validation patches", flush=True)

    model = PatchClassifier(len(classes))
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    rng = np.random.default_rng(1234)
    started = time.time()
    budget = args.minutes * 60
    steps, seen, losses, history = 0, 0, [], []
    order, cursor = rng.permutation(len(train_images)), 0
    while time.time() - started < budget:
        if cursor + args.batch > len(order):
            order, cursor = rng.permutation(len(train_images)), 0
            history.append({"patches_seen": seen, "validation_accuracy": float(accuracy(model, val_images, val_labels))})
            print(f"epoch done: {history[-1]}", flush=True)
        index = order[cursor:cursor + args.batch]
        cursor += args.batch
        fraction = (time.time() - started) / budget
        warmup = min(1.0, (steps + 1) / 200)
        for group in optimiser.param_groups:
            group["lr"] = args.lr * warmup * 0.5 * (1 + math.cos(math.pi * min(fraction, 1.0)))
        images = torch.from_numpy(augment(train_images[index], rng).astype(np.float32))
        loss = F.cross_entropy(model(images), torch.from_numpy(train_labels[index]), label_smoothing=0.05)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        steps += 1
        seen += len(index)
        losses.append(loss.item())
        if steps % 100 == 0:
            print(f"step {steps} patches {seen} loss {np.mean(losses[-100:]):.4f} "
                  f"{(time.time() - started) / 60:.1f} min", flush=True)
    minutes = (time.time() - started) / 60
    final = float(accuracy(model, val_images, val_labels))
    print(f"validation accuracy {final:.4f} after {seen} patches, {minutes:.1f} min", flush=True)
    torch.save({"features": model.features.state_dict(), "classifier": model.classifier.state_dict(),
                "classes": classes,
                "schedule": {"task": "EuroSAT patch classification (10 classes), 64 x 64, training split only",
                             "optimiser": "AdamW", "learning_rate": args.lr, "weight_decay": 1e-4,
                             "lr_schedule": "200-step warm-up, cosine over the time budget",
                             "label_smoothing": 0.05, "augmentation": "rot90 and flips",
                             "batch": args.batch, "steps": steps, "patches_seen": seen,
                             "minutes": round(minutes, 1), "validation_accuracy": final, "history": history,
                             "hardware": f"CPU, {os.cpu_count()} cores ({platform.machine()}), "
                                         f"PyTorch {torch.__version__}"}}, args.out)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
