/**
 * Finding and opening the raster a user names, for every front end alike (command line, WPS, OGC API, bench,
 * Spark): a GeoTIFF or COG, a JPEG 2000, a Sentinel-2 SAFE product, a STAC item, search or ItemCollection, or a
 * remote COG read in parts under the reference rules; whether a file is the user's own or a client's is a
 * parameter ({@link io.rgbunmix.inputs.RasterInputs}), not another opener.
 */
package io.rgbunmix.inputs;
