/**
 * The model contract (SPEC section 3): model cards, loading and verifying ONNX graphs, and
 * running batches of prepared windows through one shared ONNX Runtime session per model.
 * Nothing here knows about rasters, files of results or HTTP.
 */
package io.rgbunmix.model;
