package io.rgbunmix.geoserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.model.InferenceSettings;
import java.util.Set;
import org.geoserver.wps.jts.SpringBeanProcessFactory;
import org.geotools.api.feature.type.Name;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.feature.NameImpl;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** The registration GeoServer sees: the plugin's bean definitions, loaded as GeoServer loads them. */
class UnmixProcessFactoryTest {

    @Test
    void thePluginContextPublishesUnmixEstimateAbundancesWithGeoServerTypes() throws Exception {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            // What applicationContext.xml declares, with test models instead of the data directory.
            context.registerBean("unmixModels", UnmixModels.class,
                    () -> new UnmixModels(TestData.MODELS, new InferenceSettings(4, 1)));
            context.registerBean("unmixEstimateAbundancesProcess", EstimateAbundancesProcess.class,
                    () -> new EstimateAbundancesProcess(context.getBean(UnmixModels.class)));
            context.refresh();
            UnmixProcessFactory factory = new UnmixProcessFactory();
            factory.setApplicationContext(context);

            Name name = new NameImpl("unmix", "EstimateAbundances");
            assertEquals(Set.of(name), factory.getNames());
            var inputs = factory.getParameterInfo(name);
            assertEquals(GridCoverage2D.class, inputs.get("raster").type);
            assertEquals(SimpleFeatureCollection.class, inputs.get("ancillary").type);
            assertEquals(io.rgbunmix.model.Level.class, inputs.get("level").type);
            assertEquals(224, ((Number) inputs.get("stride").metadata.get("max")).intValue());
            var outputs = factory.getResultInfo(name, null);
            assertEquals(SimpleFeatureCollection.class, outputs.get("result").type);
            assertEquals(GridCoverage2D.class, outputs.get("abundanceRaster").type);
        }
    }

    @Test
    void theFactoryIsAClassOfItsOwnSoGeoServersProcessGroupsDoNotMergeItWithGs() {
        // GeoServer keys process groups (wps.xml) by factory class: sharing GeoServer's class
        // made gs:Import disappear from a real GeoServer 2.28.
        assertNotEquals(SpringBeanProcessFactory.class, new UnmixProcessFactory().getClass());
        String xml = new String(readPluginContext(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(xml.contains("class=\"io.rgbunmix.geoserver.UnmixProcessFactory\""), xml);
        assertTrue(!xml.contains("class=\"org.geoserver.wps.jts.SpringBeanProcessFactory\""), xml);
    }

    private static byte[] readPluginContext() {
        try (var in = UnmixProcessFactory.class.getResourceAsStream("/applicationContext.xml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
