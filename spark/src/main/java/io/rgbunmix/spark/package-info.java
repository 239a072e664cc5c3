/**
 * rgbunmix on Apache Spark: the rasters of a list split into strips of window rows (never splitting a
 * window), each strip run by the engine on an executor that loads each model once, one GeoParquet row
 * per window, one abundance GeoTIFF per raster, and a summary in which a raster that failed every
 * attempt is reported while the others complete. No engine logic lives here: only the splitting,
 * the records and their files.
 */
package io.rgbunmix.spark;
