"""Static int8 quantization of an ONNX graph in the QDQ format, written with the onnx package alone.

ONNX Runtime fuses DequantizeLinear -> op -> QuantizeLinear into one int8 node when it loads the graph (QLinearConv,
QLinearSigmoid, QLinearMul, QLinearAdd, QLinearGlobalAveragePool), and runs a chain of them in NHWC with no
transposes between; a float node inside the chain costs a transpose on each side. So this writes, for each node
chosen:
  - QuantizeLinear -> DequantizeLinear (uint8, asymmetric) on each of its activation inputs and on its output, with
    the ranges that calibration measured (ranges: tensor name -> (low, high)), one pair per tensor;
  - for a convolution, its weights as int8 initializers, symmetric and per output channel, behind a
    DequantizeLinear (axis 0), and its bias as int32 of scale input-scale x weight-scale (per channel).
A node left out stays in float and reads the dequantized values of the nodes before it.
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper

ACTIVATION_TYPE = onnx.TensorProto.UINT8


def activation_parameters(low, high):
    """Scale and zero point of uint8 asymmetric quantization of [low, high] (widened to hold 0, as ORT does)."""
    low, high = min(float(low), 0.0), max(float(high), 0.0)
    scale = (high - low) / 255.0 if high > low else 1.0
    zero_point = int(np.clip(round(-low / scale), 0, 255))
    return np.float32(scale), np.uint8(zero_point)


def weight_parameters(weight):
    """int8 weights and their per-output-channel scales (symmetric, zero point 0, -127..127)."""
    flat = np.abs(weight.reshape(weight.shape[0], -1)).max(axis=1)
    scales = np.where(flat > 0, flat / 127.0, 1.0).astype(np.float32)
    shape = (-1,) + (1,) * (weight.ndim - 1)
    quantized = np.clip(np.round(weight / scales.reshape(shape)), -127, 127).astype(np.int8)
    return quantized, scales


def group(node):
    for attribute in node.attribute:
        if attribute.name == "group":
            return helper.get_attribute_value(attribute)
    return 1


OPS = ("Conv", "Sigmoid", "Mul", "Add", "GlobalAveragePool")


def quantize(model, ranges, chosen):
    """A copy of `model` with the nodes named in `chosen` (of the OPS types) quantized (see the module's text)."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    initializers = {i.name: i for i in graph.initializer}
    added = []
    nodes = []
    dequantized = {}   # activation tensor -> the name of its quantize-dequantize copy

    def constant(name, array):
        added.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def activation(tensor):
        if tensor not in dequantized:
            scale, zero_point = activation_parameters(*ranges[tensor])
            s = constant(tensor + "_scale", scale)
            z = constant(tensor + "_zero_point", zero_point)
            nodes.append(helper.make_node("QuantizeLinear", [tensor, s, z], [tensor + "_q"], name=tensor + "_Q"))
            nodes.append(helper.make_node("DequantizeLinear", [tensor + "_q", s, z], [tensor + "_dq"],
                                          name=tensor + "_DQ"))
            dequantized[tensor] = tensor + "_dq"
        return dequantized[tensor]

    renamed = {}   # a quantized node's output -> its dequantized copy, for the nodes after it
    for node in graph.node:
        inputs = [renamed.get(name, name) for name in node.input]
        if node.name not in chosen:
            del node.input[:]
            node.input.extend(inputs)
            nodes.append(node)
            continue
        # each activation input through its quantize-dequantize pair (a quantized node's output has it already)
        inputs = [name if name != original or name in initializers else activation(name)
                  for name, original in zip(inputs, node.input)]
        if node.op_type != "Conv":
            del node.input[:]
            node.input.extend(inputs)
            nodes.append(node)
            renamed[node.output[0]] = activation(node.output[0])
            continue
        source = node.input[0]
        x = inputs[0]
        x_scale = activation_parameters(*ranges[source])[0]
        weight = numpy_helper.to_array(initializers[node.input[1]])
        q_weight, w_scales = weight_parameters(weight)
        prefix = node.name
        w = prefix + "_weight_dq"
        nodes.append(helper.make_node("DequantizeLinear", [
            constant(prefix + "_weight_q", q_weight), constant(prefix + "_weight_scale", w_scales),
            constant(prefix + "_weight_zero_point", np.zeros(len(w_scales), np.int8))], [w], axis=0,
            name=prefix + "_weight_DQ"))
        conv_inputs = [x, w]
        if len(node.input) > 2:
            bias = numpy_helper.to_array(initializers[node.input[2]])
            b_scales = (x_scale * w_scales).astype(np.float32)
            q_bias = np.round(bias / b_scales).astype(np.int32)
            conv_inputs.append(prefix + "_bias_dq")
            nodes.append(helper.make_node("DequantizeLinear", [
                constant(prefix + "_bias_q", q_bias), constant(prefix + "_bias_scale", b_scales),
                constant(prefix + "_bias_zero_point", np.zeros(len(b_scales), np.int32))], [prefix + "_bias_dq"],
                axis=0, name=prefix + "_bias_DQ"))
        del node.input[:]
        node.input.extend(conv_inputs)
        nodes.append(node)
        output = node.output[0]
        renamed[output] = activation(output)

    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in graph.node for name in node.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept + added)
    return model


def with_outputs(model, tensors):
    """A copy of `model` that also outputs `tensors` (float), for calibration."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    present = {o.name for o in model.graph.output}
    for tensor in tensors:
        if tensor not in present:
            model.graph.output.append(helper.make_tensor_value_info(tensor, onnx.TensorProto.FLOAT, None))
    return model
