package io.rgbunmix.raster;

/**
 * What a raster's quality mask is, for outputs and messages.
 *
 * @param source where it comes from and what it masks, e.g. "SCL of S2B_MSIL2A_... (classes 0,1,3,8,9,10,11)"
 * @param words  what its masked pixels are, e.g. "clouds, shadows and snow", as a skipped window's reason says
 */
public record MaskInfo(String source, String words) {
}
