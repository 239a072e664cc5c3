/**
 * Land-cover change between two periods: each period's windows on one grid, collected as the engine
 * writes them ({@link io.rgbunmix.change.PeriodCollector}), compared window by window
 * ({@link io.rgbunmix.change.ChangeComparison}), each difference weighed against the model's own error as
 * its card states it ({@link io.rgbunmix.change.ModelError}).
 */
package io.rgbunmix.change;
