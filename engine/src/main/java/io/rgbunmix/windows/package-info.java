/**
 * The 224 x 224 windows a run walks: their grid over a raster ({@link io.rgbunmix.windows.WindowGrid}), each
 * window's place ({@link io.rgbunmix.windows.Window}), and a window's pixels made into the model's input
 * ({@link io.rgbunmix.windows.PixelPreparation}). Batches of windows are the engine's own, in
 * {@code io.rgbunmix.unmix}.
 */
package io.rgbunmix.windows;
