/**
 * Local files opened by what they hold, not by their names: a raster as a GeoTIFF or COG, a JPEG 2000 or a
 * Sentinel-2 SAFE product (folder or zip), each by its own reader ({@link io.rgbunmix.files.RasterFiles}); ancillary
 * features as GeoJSON or GML ({@link io.rgbunmix.files.FeatureFiles}). Every front end that reads a local file
 * opens it here.
 */
package io.rgbunmix.files;
