/**
 * The seven environmental values each window needs: given once for every window, or
 * joined per window footprint from features (polygons area-weighted, points inside or
 * nearest), after reprojection to the raster's CRS.
 */
package io.rgbunmix.ancillary;
