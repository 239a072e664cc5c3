/**
 * Clouds, shadows and snow: quality masks (a Sentinel-2 scene classification, an L1C cloud mask or a
 * user's raster) read onto the image's grid, and composites of several dates that keep, per pixel, the
 * median of the dates the masks let through. Each is a raster source the engine reads as any other.
 */
package io.rgbunmix.quality;
