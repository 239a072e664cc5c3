"""The LifeWatch multi-task architecture, layer for layer (see ../shared/reference/original-model.md).

image branch:      EfficientNet-B0 features (random init) -> 7x7x1280 -> flatten 62720 -> Dense 10
ancillary branch:  Dense 7 -> 64 -> 32
fusion:            concat 42 -> Dense 128
heads:             128 -> 64 -> 32 -> K, softmax (abundance) and sigmoid (presence)

The graph takes the serving contract as is: image float32 [N,224,224,3] RGB 0..255 (NHWC) and
ancillary float32 [N,7] raw units; the layout change and every normalisation happen inside.
"""
import torch
from torch import nn
import torchvision

# Per-channel statistics used to normalise the RGB input inside the graph. The original's
# EfficientNet carries a Normalization layer (3 means, 3 variances) adapted to its data; these
# are the EuroSAT training split's, measured by training/rgb_stats.py.
RGB_MEAN = (87.9, 97.0, 104.0)
RGB_STD = (51.7, 34.9, 29.5)


def mlp(sizes, last_activation=True):
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if last_activation or i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class RgbUnmixNet(nn.Module):
    def __init__(self, classes, ancillary_mean, ancillary_std):
        super().__init__()
        self.features = torchvision.models.efficientnet_b0(weights=None).features
        self.image_dense = nn.Linear(7 * 7 * 1280, 10)
        self.ancillary = mlp([7, 64, 32])
        self.fusion = mlp([42, 128])
        self.abundance_head = mlp([128, 64, 32, classes], last_activation=False)
        self.presence_head = mlp([128, 64, 32, classes], last_activation=False)
        self.register_buffer("rgb_mean", torch.tensor(RGB_MEAN).view(1, 3, 1, 1))
        self.register_buffer("rgb_std", torch.tensor(RGB_STD).view(1, 3, 1, 1))
        self.register_buffer("ancillary_mean", torch.as_tensor(ancillary_mean, dtype=torch.float32).view(1, 7))
        self.register_buffer("ancillary_std", torch.as_tensor(ancillary_std, dtype=torch.float32).view(1, 7))

    def image_features(self, image):
        """The flattened 7 x 7 x 1280 EfficientNet features of NHWC RGB 0..255 images."""
        x = (image.permute(0, 3, 1, 2) - self.rgb_mean) / self.rgb_std
        # flatten in Keras' NHWC order, so the Dense 62720 -> 10 sees the same layout as the original
        return self.features(x).permute(0, 2, 3, 1).flatten(1)

    def logits(self, image, ancillary):
        return self.logits_from_features(self.image_features(image), ancillary)

    def logits_from_features(self, features, ancillary):
        """Everything after the EfficientNet features: lets a trainer with frozen features cache them."""
        x = self.image_dense(features)
        a = self.ancillary((ancillary - self.ancillary_mean) / self.ancillary_std)
        z = self.fusion(torch.cat([x, a], dim=1))
        return self.abundance_head(z), self.presence_head(z)

    def forward(self, image, ancillary):
        abundance, presence = self.logits(image, ancillary)
        return torch.softmax(abundance, dim=1), torch.sigmoid(presence)


def blocks(model):
    """(block name, parameter count, the original's shapes) for the architecture report."""
    count = lambda m: sum(p.numel() for p in m.parameters())
    k = model.abundance_head[-1].out_features
    return [
        ("EfficientNet-B0 features", count(model.features), "stem 3x3x3x32 ... top 1x1x320x1280"),
        ("Dense 62720 -> 10", count(model.image_dense), "62720 x 10 + 10"),
        ("ancillary Dense 7 -> 64 -> 32", count(model.ancillary), "7x64+64, 64x32+32"),
        ("fusion Dense 42 -> 128", count(model.fusion), "42x128+128"),
        (f"abundance head 128 -> 64 -> 32 -> {k}", count(model.abundance_head), f"128x64+64, 64x32+32, 32x{k}+{k}"),
        (f"presence head 128 -> 64 -> 32 -> {k}", count(model.presence_head), f"128x64+64, 64x32+32, 32x{k}+{k}"),
    ]


def export_onnx(model, path, opset=13):
    model.eval()
    image = torch.zeros(2, 224, 224, 3)
    ancillary = torch.zeros(2, 7)
    torch.onnx.export(model, (image, ancillary), path, input_names=["image", "ancillary"],
                      output_names=["abundance", "presence"], opset_version=opset,
                      dynamic_axes={"image": {0: "N"}, "ancillary": {0: "N"},
                                    "abundance": {0: "N"}, "presence": {0: "N"}})
