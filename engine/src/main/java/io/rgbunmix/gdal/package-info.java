/**
 * Reading rasters through Debian's libgdal, called with JNA: JPEG 2000 (the Sentinel-2 TCI and
 * bands), files inside zips ({@code /vsizip/}), and the pixels of local GeoTIFFs, which GDAL decodes faster than
 * Apache SIS. GDAL is optional: without it these formats fail with a message naming the package to install, and
 * GeoTIFF (read by Apache SIS alone) keeps working.
 */
package io.rgbunmix.gdal;
