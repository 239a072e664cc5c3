/**
 * Use cases of the engine that every front end runs the same way: a run of one raster into files
 * ({@link io.rgbunmix.run.AbundanceRun}), with its picture and its web map.
 */
package io.rgbunmix.run;
