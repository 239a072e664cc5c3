package io.rgbunmix.raster;

import java.util.List;

/**
 * A raster seen through another: a crop, a quicklook, a resampling, a mask. It says what its source says
 * (name, bands, sample type, no-data, mask, dates) unless it overrides it, and reads nothing of its own:
 * whoever opened the source closes it.
 */
public abstract class RasterView implements RasterSource {
    protected final RasterSource source;

    protected RasterView(RasterSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public RasterGeometry geometry() {
        return source.geometry();
    }

    @Override
    public int bandCount() {
        return source.bandCount();
    }

    @Override
    public int dataType() {
        return source.dataType();
    }

    @Override
    public double noData(int band) {
        return source.noData(band);
    }

    @Override
    public MaskInfo mask() {
        return source.mask();
    }

    @Override
    public List<String> dates() {
        return source.dates();
    }
}
