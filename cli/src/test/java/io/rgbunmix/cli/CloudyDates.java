package io.rgbunmix.cli;

import static io.rgbunmix.cli.CloudsAndCompositesCliTest.DATES;
import static io.rgbunmix.cli.CloudsAndCompositesCliTest.GRID;
import static io.rgbunmix.cli.CloudsAndCompositesCliTest.clouded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Three dates of one place, each clouded over a block of its own and all three over window 5, with
 * SCL-like masks (9 under the cloud, 4 elsewhere), the cloud-free truth they were made from, and the
 * command line's run on the truth.
 */
record CloudyDates(Path truth, Path[] dates, Path[] masks, Map<String, CSVRecord> clear) {
    static CloudyDates make(Path folder) throws Exception {
        Path truth = folder.resolve("truth.tif");
        SyntheticRaster.write(truth, GRID, 3, DataBuffer.TYPE_BYTE, Double.NaN, CloudsAndCompositesCliTest::truth);
        Path[] dates = new Path[3];
        Path[] masks = new Path[3];
        for (int d = 0; d < 3; d++) {
            int date = d;
            // named as users name scenes: the date is read from the name
            dates[d] = folder.resolve("S2_" + DATES[d].replace("-", "") + "_TCI.tif");
            SyntheticRaster.write(dates[d], GRID, 3, DataBuffer.TYPE_BYTE, Double.NaN,
                    (x, y, b) -> clouded(date, x, y) ? 250 : CloudsAndCompositesCliTest.truth(x, y, b));
            masks[d] = folder.resolve("scl" + d + ".tif");
            SyntheticRaster.write(masks[d], GRID, 1, DataBuffer.TYPE_BYTE, Double.NaN,
                    (x, y, b) -> clouded(date, x, y) ? 9 : 4);
        }
        Map<String, CSVRecord> clear = CloudsAndCompositesCliTest.csv(CloudsAndCompositesCliTest.run(
                folder.resolve("clear"), "--raster", truth.toString()));
        return new CloudyDates(truth, dates, masks, clear);
    }

    /** Three cloudy dates as --raster three times: the composite's windows are the truth's, to 1e-6. */
    Map<String, CSVRecord> assertTheTruth(Path out) throws IOException {
        Map<String, CSVRecord> rows = CloudsAndCompositesCliTest.csv(out);
        assertEquals(List.of("0", "1", "2", "3", "4"), List.copyOf(rows.keySet()), "window 5 has no clear date");
        CloudsAndCompositesCliTest.assertSameAbundances(clear, rows, List.copyOf(rows.keySet()));
        assertEquals("2", rows.get("0").get("dates_used"));
        assertEquals(DATES[1] + ";" + DATES[2], rows.get("0").get("dates"));
        assertEquals(DATES[0] + ";" + DATES[2], rows.get("1").get("dates"));
        for (String id : List.of("2", "3", "4")) {
            assertEquals("3", rows.get(id).get("dates_used"), "window " + id);
        }
        assertEquals("no_valid_date", CloudsAndCompositesCliTest.records(out.resolve("skipped.csv")).get("5").get("reason"));
        return rows;
    }

    /** A STAC item of date d: its visual asset and its SCL, local files. */
    String item(int d) {
        return "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"S2_" + d + "\", \"properties\": "
                + "{\"datetime\": \"" + DATES[d] + "T10:56:19Z\", \"eo:cloud_cover\": 20}, \"geometry\": null, \"assets\": {"
                + "\"visual\": {\"href\": \"" + dates[d].toUri() + "\", \"type\": \"image/tiff\"},"
                + "\"scl\": {\"href\": \"" + masks[d].toUri() + "\", \"type\": \"image/tiff\"}}}";
    }

    String itemCollection() {
        return "{\"type\": \"FeatureCollection\", \"features\": [" + item(0) + "," + item(1) + "," + item(2) + "]}";
    }
}
