/**
 * Local raster files opened by what they hold, not by their names: a GeoTIFF or COG, a JPEG 2000, a Sentinel-2
 * SAFE product (folder or zip), each by its own reader. Every front end that reads a local file opens it here.
 */
package io.rgbunmix.files;
