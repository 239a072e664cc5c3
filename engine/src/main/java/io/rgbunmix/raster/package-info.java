/**
 * The input raster: opening a GeoTIFF with Apache SIS, its georeferencing, crops, stacks, reprojection and the
 * quicklook, and reading one strip of window rows at a time. The windows themselves are in
 * {@code io.rgbunmix.windows}.
 */
package io.rgbunmix.raster;
