/**
 * The engine: raster -> windows -> batches -> model -> abundances -> writers. One call,
 * {@link io.rgbunmix.unmix.UnmixEngine#run}, reports progress, can be cancelled between
 * batches and streams each window's result to a {@link io.rgbunmix.unmix.ResultWriter}.
 * Free of any HTTP or server type so that WPS, OGC API or GeoServer adapters stay thin.
 */
package io.rgbunmix.unmix;
