/**
 * The input raster: opening a GeoTIFF with Apache SIS, its georeferencing, the grid of
 * 224 x 224 windows, reading one strip of window rows at a time, and turning a window's
 * pixels into the model's RGB 0..255 floats.
 */
package io.rgbunmix.raster;
