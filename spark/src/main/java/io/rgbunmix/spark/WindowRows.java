package io.rgbunmix.spark;

import java.io.Serializable;

/**
 * One task's share of a raster: window rows [firstRow, firstRow + rows) over its whole width.
 *
 * @param rasterId the raster's id in the outputs (its file name without extension, made unique)
 * @param path     where every executor reads it
 */
public record WindowRows(String rasterId, String path, int firstRow, int rows) implements Serializable {
}
