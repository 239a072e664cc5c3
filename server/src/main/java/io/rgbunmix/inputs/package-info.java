/**
 * Finding and opening the raster a user names, for every interface alike (command line, WPS, OGC API,
 * bench): a GeoTIFF or COG, a JPEG 2000, a Sentinel-2 SAFE product, a STAC item, or a remote COG read
 * in parts under the reference rules.
 */
package io.rgbunmix.inputs;
