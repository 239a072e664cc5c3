package io.rgbunmix.geoserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.processes.GeoServerParameters;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import java.util.List;
import java.util.Map;
import org.geoserver.wps.process.RawData;
import org.geotools.api.data.Parameter;
import org.geotools.api.feature.type.Name;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.feature.NameImpl;
import org.geotools.process.Processors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The processes GeoServer sees: every description, each parameter with GeoServer's type, cardinality and default. */
class UnmixProcessFactoryTest {
    private static UnmixModels models;
    private static UnmixProcessFactory factory;

    @BeforeAll
    static void create() {
        models = new UnmixModels(TestData.MODELS, new InferenceSettings(4, 1));
        factory = new UnmixProcessFactory(models);
    }

    @AfterAll
    static void close() throws Exception {
        models.close();
    }

    @Test
    void everyDescribedProcessIsOfferedAndRegisteredWithGeoTools() {
        List<Name> names = ProcessDescriptions.all().stream()
                .map(p -> (Name) new NameImpl(GeoServerParameters.name(p)[0], GeoServerParameters.name(p)[1])).toList();
        assertEquals(names, List.copyOf(factory.getNames()));
        assertTrue(Processors.getProcessFactories().contains(factory));
        Name change = new NameImpl("unmix", "EstimateChange");
        assertEquals(ProcessDescriptions.ESTIMATE_CHANGE.title(), factory.getTitle(change).toString());
        assertTrue(factory.create(change) instanceof UnmixProcess);
    }

    @Test
    void parametersHaveGeoServersTypesCardinalityAndDefaults() {
        Map<String, Parameter<?>> run = factory.getParameterInfo(new NameImpl("unmix", "EstimateAbundances"));
        assertEquals(GridCoverage2D.class, run.get("raster").type);
        assertEquals(64, run.get("raster").maxOccurs);
        assertEquals(GridCoverage2D.class, run.get("mask").type);
        assertEquals(SimpleFeatureCollection.class, run.get("ancillary").type);
        assertEquals(Integer.class, run.get("stride").type);
        assertEquals(224, run.get("stride").sample);
        assertEquals(224, run.get("stride").metadata.get(Parameter.MAX));
        assertEquals(List.of("N1", "N2"), run.get("level").metadata.get(Parameter.OPTIONS));
        assertEquals(Double.class, run.get("maxMaskedFraction").type);
        Map<String, Parameter<?>> batch = factory.getParameterInfo(new NameImpl("unmix", "EstimateAbundancesBatch"));
        assertEquals(RawData.class, batch.get("images").type);
        assertEquals("application/zip", batch.get("images").metadata.get("mimeTypes"));
        Map<String, Parameter<?>> csv = factory.getResultInfo(new NameImpl("unmix", "EstimateAbundancesBatch"), null);
        assertEquals(RawData.class, csv.get("result").type);
        assertEquals("text/csv", csv.get("result").metadata.get("mimeTypes"));
        Map<String, Parameter<?>> change = factory.getResultInfo(new NameImpl("unmix", "EstimateChange"), null);
        assertEquals(SimpleFeatureCollection.class, change.get("change").type);
        assertEquals(GridCoverage2D.class, change.get("changeRaster").type);
    }

    @Test
    void everyParameterIsTheDescriptionsInOrder() {
        for (ProcessDescription process : ProcessDescriptions.all()) {
            Name name = new NameImpl(GeoServerParameters.name(process)[0], GeoServerParameters.name(process)[1]);
            Map<String, Parameter<?>> inputs = factory.getParameterInfo(name);
            assertEquals(process.inputs().stream().map(p -> p.name()).toList(), List.copyOf(inputs.keySet()));
            for (GeoServerParameters.Native expected : GeoServerParameters.inputs(process)) {
                Parameter<?> got = inputs.get(expected.name());
                assertEquals(expected.minOccurs(), got.minOccurs, expected.name());
                assertEquals(expected.maxOccurs(), got.maxOccurs, expected.name());
                assertEquals(expected.defaultValue(), got.sample, expected.name());
            }
        }
    }

    @Test
    void thePluginContextDeclaresTheFactoryOverTheModels() throws Exception {
        try (var in = UnmixProcessFactory.class.getResourceAsStream("/applicationContext.xml")) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xml.contains("class=\"io.rgbunmix.geoserver.UnmixProcessFactory\""), xml);
            assertTrue(xml.contains("<constructor-arg ref=\"unmixModels\"/>"), xml);
        }
    }
}
