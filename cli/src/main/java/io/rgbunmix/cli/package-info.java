/**
 * The {@code rgbunmix} command line (picocli): run, batch, models, bench. Commands parse
 * options, call the engine and print; they hold no engine logic.
 */
package io.rgbunmix.cli;
