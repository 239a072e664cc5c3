/**
 * Result writers: GeoJSON (RFC 7946), CSV and a float32 GeoTIFF with one pixel per window.
 * Each implements {@link io.rgbunmix.unmix.ResultWriter} and streams where the format allows.
 */
package io.rgbunmix.output;
