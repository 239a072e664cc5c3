/**
 * Coordinate reference systems and geometry shared by the engine's steps: CRS lookup with
 * clear errors, east/north axis order, reprojection of JTS geometries through Apache SIS.
 */
package io.rgbunmix.geo;
