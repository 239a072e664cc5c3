package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rgbunmix.TestData;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.inputs.GdalTools;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.sentinel2.SafeFixtures;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rgbunmix run} on a SAFE zip as Copernicus delivers it, its bands chosen, with a DEM in another CRS. */
class SafeZipCliTest {
    @TempDir
    Path temp;

    @Test
    void theCommandLineRunsOnTheBandsOfASafeZipWithADemInAnotherCrs() throws Exception {
        Path product = SafeFixtures.product(Files.createDirectories(temp.resolve("safe-cli")), "05.10", true,
                SafeFixtures.scene(temp.resolve("scene.tif")), SafeFixtures.bands16(temp));
        Path zip = GdalTools.zip(product, temp.resolve("cli.zip"));
        // ETRS89 / UTM 30N at 25 m under the WGS 84 / UTM 30N image, rising 10 degrees eastwards
        Path dem = temp.resolve("dem.tif");
        SyntheticRaster.write(dem, new RasterGeometry(640, 560, Crs.forCode("EPSG:25830"),
                new AffineTransform(25, 0, 0, -25, 436000, 4134000)), 1, DataBuffer.TYPE_FLOAT, Double.NaN,
                (x, y, b) -> 500 + Math.tan(Math.toRadians(10)) * (x + 0.5) * 25);
        Path out = temp.resolve("cli-out");
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setErr(new PrintWriter(err));
        line.setOut(new PrintWriter(new StringWriter()));
        int code = line.execute("run", "--raster", zip.toString(), "--bands", "B04,B03,B02", "--dem", dem.toString(),
                "--ancillary-values", "evapotranspiration=894,precipitation=376,temp_ave=16.6,temp_max=23.7,temp_min=10.1",
                "--models", TestData.MODELS.toString(), "--out", out.toString());
        assertEquals(0, code, err.toString());
        List<String> rows = Files.readAllLines(out.resolve("abundances.csv"));
        assertEquals(13, rows.size(), "a header and 12 windows");
        List<String> header = List.of(rows.get(0).split(","));
        for (String row : rows.subList(1, rows.size())) {
            String[] values = row.split(",");
            assertEquals(10.0, Double.parseDouble(values[header.indexOf("slope")]), 0.1, row);
            assertEquals("evapotranspiration=value;precipitation=value;elevation=dem;slope=dem;temp_ave=value;"
                    + "temp_max=value;temp_min=value", values[header.indexOf("ancillary_sources")]);
        }
        double west = Double.parseDouble(rows.get(1).split(",")[header.indexOf("elevation")]);
        double east = Double.parseDouble(rows.get(2).split(",")[header.indexOf("elevation")]);
        assertEquals(Math.tan(Math.toRadians(10)) * 2240, east - west, 2.0, "one window east is 2240 m further up");
    }
}
