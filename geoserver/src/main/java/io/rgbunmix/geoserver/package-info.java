/**
 * The GeoServer WPS extension: {@code unmix:EstimateAbundances} on GeoServer-native types.
 * Thin adapters only: a coverage becomes the engine's {@link io.rgbunmix.raster.RasterSource},
 * features become its ancillary features, and the engine's results become a feature collection
 * and a coverage. Windowing, the model contract and the join live in the engine, never here.
 */
package io.rgbunmix.geoserver;
