/** The settings file, {@code config/server.yaml}: read once, every value with its default. */
package io.rgbunmix.config;
