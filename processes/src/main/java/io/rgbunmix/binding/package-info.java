/**
 * The one binder from a run's checked inputs to what the engine runs, for every front end: options,
 * masking, the area, scenes and ancillary data ({@link io.rgbunmix.binding.RunBinder}), opened through the
 * front end's {@link io.rgbunmix.binding.RunSources} (files, URLs, or GeoServer's coverages and features),
 * and the batch process's zip ({@link io.rgbunmix.binding.ZippedWindows}). No HTTP, no GeoTools.
 */
package io.rgbunmix.binding;
