#!/usr/bin/python3
"""Build the tiny deterministic test models (levels N1 and N2) used by the Java tests.

They honour the real model contract (SPEC section 3): inputs `image` float32
[N,224,224,3] RGB 0..255 NHWC and `ancillary` float32 [N,7] raw units; outputs
`abundance` float32 [N,K] (softmax) and `presence` float32 [N,K] (sigmoid).
Their maths is small enough to recompute by hand in a test:

    x         = [mean_R, mean_G, mean_B, a_1 .. a_7]       (10 values per window)
    abundance = softmax(x @ W_abundance + b_abundance)
    presence  = sigmoid(x @ W_presence + b_presence)

The weights follow a closed formula (weights(), below) and are also written to
weights.json beside each model so tests need not repeat the formula.
These models are NOT trained and carry no knowledge of land cover.

Usage: /usr/bin/python3 training/make_test_model.py OUTPUT_DIR
"""
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from mosaic import snake

WINDOW = 224
ANCILLARY = ["evapotranspiration", "precipitation", "elevation", "slope",
             "temp_ave", "temp_max", "temp_min"]
UNITS = ["mm/year", "mm/year", "m", "degree", "degC", "degC", "degC"]
LEVELS = {
    "N1": ["Artificial", "Agricultural lands", "Terrestrial wildlands",
           "Wetlands and riverine forests"],
    "N2": ["Artificial", "Annual croplands", "Greenhouses", "Woody croplands",
           "Combinations of croplands and natural vegetation",
           "Grasslands and Grasslands with trees",
           "Shrubland and Shrublands with trees", "Forests", "Barelands", "Wetlands"],
}
# Scale of each input so that every input moves the logits by a comparable amount:
# colour means are 0..255, evapotranspiration and precipitation ~1000, elevation ~3000.
INPUT_SCALE = np.array([1 / 255, 1 / 255, 1 / 255, 1 / 1000, 1 / 1000, 1 / 3000,
                        1 / 45, 1 / 30, 1 / 40, 1 / 20], dtype=np.float64)


def weights(k, salt):
    i = np.arange(10)[:, None]
    j = np.arange(k)[None, :]
    w = (((3 * i + 5 * j + salt) % 7) - 3) * INPUT_SCALE[:, None]
    b = ((np.arange(k) % 3) - 1) * 0.25
    return w.astype(np.float32), b.astype(np.float32)


def build(level, classes):
    k = len(classes)
    wa, ba = weights(k, 0)
    wp, bp = weights(k, 2)
    nodes = [
        helper.make_node("ReduceMean", ["image"], ["colour_means"], axes=[1, 2], keepdims=0),
        helper.make_node("Concat", ["colour_means", "ancillary"], ["features"], axis=1),
        helper.make_node("MatMul", ["features", "w_abundance"], ["abundance_mm"]),
        helper.make_node("Add", ["abundance_mm", "b_abundance"], ["abundance_logits"]),
        helper.make_node("Softmax", ["abundance_logits"], ["abundance"], axis=1),
        helper.make_node("MatMul", ["features", "w_presence"], ["presence_mm"]),
        helper.make_node("Add", ["presence_mm", "b_presence"], ["presence_logits"]),
        helper.make_node("Sigmoid", ["presence_logits"], ["presence"]),
    ]
    graph = helper.make_graph(
        nodes, f"rgbunmix_test_{level.lower()}",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", WINDOW, WINDOW, 3]),
         helper.make_tensor_value_info("ancillary", TensorProto.FLOAT, ["N", 7])],
        [helper.make_tensor_value_info("abundance", TensorProto.FLOAT, ["N", k]),
         helper.make_tensor_value_info("presence", TensorProto.FLOAT, ["N", k])],
        [numpy_helper.from_array(wa, "w_abundance"), numpy_helper.from_array(ba, "b_abundance"),
         numpy_helper.from_array(wp, "w_presence"), numpy_helper.from_array(bp, "b_presence")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="rgbunmix training/make_test_model.py")
    model.ir_version = 8  # readable by every ONNX Runtime >= 1.10
    onnx.checker.check_model(model)
    return model, {"w_abundance": wa, "b_abundance": ba, "w_presence": wp, "b_presence": bp}


def main(out_dir):
    for level, classes in LEVELS.items():
        model_id = f"untrained-test-{level.lower()}"
        target = os.path.join(out_dir, model_id)
        os.makedirs(target, exist_ok=True)
        model, tensors = build(level, classes)
        onnx_path = os.path.join(target, "model.onnx")
        onnx.save(model, onnx_path)
        with open(onnx_path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        card = {
            "id": model_id,
            "level": level,
            "title": f"UNTRAINED test model, level {level}: softmax of a fixed linear map "
                     "of the colour means and ancillary values",
            "classes": [{"key": snake(c), "name": c} for c in classes],
            "tensors": {"image": "image", "ancillary": "ancillary",
                        "abundance": "abundance", "presence": "presence"},
            "ancillary": [{"name": n, "unit": u} for n, u in zip(ANCILLARY, UNITS)],
            "windowSize": WINDOW,
            "groundSampleDistance": 10.0,
            "sha256": digest,
            "provenance": {
                "trained": False,
                "description": "Deterministic test fixture built by training/make_test_model.py; "
                               "its outputs are a closed formula of its inputs and carry no "
                               "land-cover knowledge. Do not use for analysis.",
                "licence": "Apache-2.0",
            },
        }
        with open(os.path.join(target, "model.json"), "w") as f:
            json.dump(card, f, indent=2)
            f.write("\n")
        with open(os.path.join(target, "weights.json"), "w") as f:
            json.dump({k: v.tolist() for k, v in tensors.items()}, f)
            f.write("\n")
        print(f"wrote {target} (sha256 {digest[:12]}...)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/models")
