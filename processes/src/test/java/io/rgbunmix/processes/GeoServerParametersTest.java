package io.rgbunmix.processes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rgbunmix.processes.GeoServerParameters.Binding;
import io.rgbunmix.processes.GeoServerParameters.Native;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which GeoServer type each input and output becomes, decided without GeoTools and tested here. */
class GeoServerParametersTest {
    private static Map<String, Native> byName(List<Native> parameters) {
        Map<String, Native> map = new LinkedHashMap<>();
        parameters.forEach(p -> map.put(p.name(), p));
        return map;
    }

    @Test
    void imagesAreCoveragesAndRepeatableOnesStayRepeatable() {
        Map<String, Native> run = byName(GeoServerParameters.inputs(ProcessDescriptions.ESTIMATE_ABUNDANCES));
        for (String name : List.of("raster", "mask", "dem", "temp_aveRaster", "slopeRaster")) {
            assertEquals(Binding.COVERAGE, run.get(name).binding(), name);
        }
        assertEquals(64, run.get("raster").maxOccurs());
        assertEquals(1, run.get("raster").minOccurs());
        assertEquals(64, run.get("mask").maxOccurs());
        assertEquals(0, run.get("mask").minOccurs());
        assertEquals(1, run.get("dem").maxOccurs());
        Map<String, Native> change = byName(GeoServerParameters.inputs(ProcessDescriptions.ESTIMATE_CHANGE));
        assertEquals(Binding.COVERAGE, change.get("before").binding());
        assertEquals(64, change.get("after").maxOccurs());
    }

    @Test
    void featuresAreAFeatureCollectionAndTheBatchZipIsRawData() {
        Native ancillary = byName(GeoServerParameters.inputs(ProcessDescriptions.ESTIMATE_ABUNDANCES)).get("ancillary");
        assertEquals(Binding.FEATURES, ancillary.binding());
        assertEquals(List.of(), ancillary.mimeTypes());
        Native images = byName(GeoServerParameters.inputs(ProcessDescriptions.ESTIMATE_ABUNDANCES_BATCH)).get("images");
        assertEquals(Binding.RAW_DATA, images.binding());
        assertEquals(List.of("application/zip"), images.mimeTypes());
        assertEquals(1, images.minOccurs());
    }

    @Test
    void literalsKeepTheirTypeDefaultAndDomain() {
        Map<String, Native> run = byName(GeoServerParameters.inputs(ProcessDescriptions.ESTIMATE_ABUNDANCES));
        Native stride = run.get("stride");
        assertEquals(Binding.INTEGER, stride.binding());
        assertEquals(224, stride.defaultValue());
        assertEquals(1.0, stride.minimum());
        assertEquals(224.0, stride.maximum());
        Native level = run.get("level");
        assertEquals(Binding.TEXT, level.binding());
        assertEquals("N1", level.defaultValue());
        assertEquals(List.of("N1", "N2"), level.options());
        Native fraction = run.get("maxMaskedFraction");
        assertEquals(Binding.DOUBLE, fraction.binding());
        assertEquals(Double.valueOf(ProcessDescriptions.ESTIMATE_ABUNDANCES.input("maxMaskedFraction").map(p ->
                ((Parameter.Literal) p.type()).defaultValue()).orElseThrow()), fraction.defaultValue());
        assertNull(run.get("ancillaryValues").defaultValue());
        assertEquals(Binding.TEXT, run.get("bands").binding());
        assertEquals("1,2,3", run.get("bands").defaultValue());
        Native significance = byName(GeoServerParameters.inputs(ProcessDescriptions.ESTIMATE_CHANGE)).get("significance");
        assertEquals(2.0, significance.defaultValue());
        assertEquals(10.0, significance.maximum());
    }

    @Test
    void outputsAreFeaturesACoverageAndTheCsvAsText() {
        Map<String, Native> run = byName(GeoServerParameters.outputs(ProcessDescriptions.ESTIMATE_ABUNDANCES));
        assertEquals(Binding.FEATURES, run.get("result").binding());
        assertEquals(Binding.COVERAGE, run.get("abundanceRaster").binding());
        Native csv = GeoServerParameters.outputs(ProcessDescriptions.ESTIMATE_ABUNDANCES_BATCH).get(0);
        assertEquals(Binding.RAW_DATA, csv.binding());
        assertEquals(List.of("text/csv"), csv.mimeTypes());
        Map<String, Native> change = byName(GeoServerParameters.outputs(ProcessDescriptions.ESTIMATE_CHANGE));
        assertEquals(Binding.FEATURES, change.get("change").binding());
        assertEquals(Binding.COVERAGE, change.get("changeRaster").binding());
        Map<String, Native> echo = byName(GeoServerParameters.outputs(ProcessDescriptions.ECHO));
        assertEquals(Binding.TEXT, echo.get("echo").binding());
        assertEquals(Binding.INTEGER, echo.get("length").binding());
    }

    @Test
    void processesAreNamedByTheirWpsIdentifier() {
        assertArrayEquals(new String[] {"unmix", "EstimateChange"},
                GeoServerParameters.name(ProcessDescriptions.ESTIMATE_CHANGE));
        assertEquals(ProcessDescriptions.all(), GeoServerParameters.processes());
    }

    @Test
    void geoServersValuesAreCheckedAsEveryFrontEndChecksThem() throws Exception {
        Object coverage = new Object();   // the extension hands the objects themselves to the binder
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("raster", List.of(coverage, coverage, coverage));
        input.put("stride", 112);
        input.put("maxMaskedFraction", 0.25);
        input.put("ancillaryValues", "elevation=500");
        ProcessInputs checked = ProcessInputs.validate(ProcessDescriptions.ESTIMATE_ABUNDANCES,
                GeoServerParameters.given(ProcessDescriptions.ESTIMATE_ABUNDANCES, input));
        assertEquals(3, checked.complexes("raster").size());
        assertEquals(112, checked.integer("stride"));
        assertEquals(0.25, checked.number("maxMaskedFraction"));
        assertEquals("N1", checked.text("level").orElseThrow());   // the description's default
        input.put("stride", 0);
        InputException refused = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () ->
                ProcessInputs.validate(ProcessDescriptions.ESTIMATE_ABUNDANCES,
                        GeoServerParameters.given(ProcessDescriptions.ESTIMATE_ABUNDANCES, input)));
        assertEquals("stride", refused.locator());
    }
}
