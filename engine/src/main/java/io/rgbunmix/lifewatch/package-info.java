/**
 * The original LifeWatch workflow: a folder of 224 x 224 RGB JPEG windows plus a CSV of
 * ancillary values in, one CSV of abundances out, with the original's checks, file names,
 * columns and number formatting.
 */
package io.rgbunmix.lifewatch;
