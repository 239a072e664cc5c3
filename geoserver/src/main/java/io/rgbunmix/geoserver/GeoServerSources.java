package io.rgbunmix.geoserver;

import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.binding.RunSources;
import io.rgbunmix.processes.GeoServerParameters;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.raster.OpenedRaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;

/**
 * GeoServer's inputs as the binder's sources: each coverage (uploaded, by reference, from the catalog through
 * an internal WCS request, another process's output) becomes a raster, a feature collection the ancillary features.
 */
final class GeoServerSources implements RunSources {
    private final Map<String, Object> given;

    GeoServerSources(Map<String, Object> given) {
        this.given = given;
    }

    @Override
    public List<OpenedRaster> dates(String input, List<String> bandNames) throws Exception {
        if (!bandNames.isEmpty()) {
            throw new InputException(InputException.INVALID, "bands", "a coverage's bands are chosen by their 1-based "
                    + "indexes, e.g. '3,2,1'; names such as B04,B03,B02 choose the files of a Sentinel-2 product, "
                    + "which GeoServer gives as coverages already");
        }
        return rasters(input);
    }

    @Override
    public List<OpenedRaster> rasters(String input) throws Exception {
        List<?> coverages = GeoServerParameters.values(given.get(input));
        List<OpenedRaster> opened = new ArrayList<>();
        for (int i = 0; i < coverages.size(); i++) {
            GridCoverage2D coverage = (GridCoverage2D) coverages.get(i);
            String name = coverages.size() == 1 ? input : input + " " + (i + 1);
            CoverageRaster raster = RunBinder.parse(input, () -> new CoverageRaster(coverage, name));
            opened.add(new OpenedRaster(raster, null, raster.name()));
        }
        return opened;
    }

    @Override
    public Optional<FeatureCollection> features(String input) throws Exception {
        Object features = given.get(input);
        return features == null ? Optional.empty()
                : Optional.of(RunBinder.parse(input, () -> AncillaryFeatures.read((SimpleFeatureCollection) features)));
    }
}
