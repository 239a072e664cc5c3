/**
 * Sentinel-2 products as their users have them: a SAFE folder or its zip, where the true-colour image
 * (TCI) or the 16-bit B04, B03 and B02 bands are found, with the reflectance offset of processing
 * baseline 04.00 and later read from the product's metadata.
 */
package io.rgbunmix.sentinel2;
