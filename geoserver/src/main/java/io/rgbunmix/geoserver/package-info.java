/**
 * The GeoServer WPS extension: every rgbunmix process, made from its description, on GeoServer-native
 * types. Thin adapters only: the description's parameters become GeoTools parameters as
 * {@link io.rgbunmix.processes.GeoServerParameters} decides, coverages and features become the binder's
 * sources, and the engine's results become feature collections, coverages and raw data. Checks, defaults,
 * windowing, the model contract and the join live in {@code processes/} and the engine, never here.
 */
package io.rgbunmix.geoserver;
