import io.rgbunmix.gdal.GdalDecodedTiff;
import io.rgbunmix.raster.GeoRaster;
import java.nio.file.Path;

/**
 * What opening a GeoTIFF costs a run, as `run` and `bench` open it: Apache SIS for its metadata, then GDAL for its
 * pixels. Opens the file N times in one JVM and prints the milliseconds of each part, so that the JIT's state is
 * that of a bench's first rounds (iteration 2 on) or of a server's later jobs (the last ones).
 *
 * java -cp target/rgbunmix.jar scripts/perf/OpenCost.java samples/scene.tif [N, default 12]
 */
public class OpenCost {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int times = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        for (int i = 1; i <= times; i++) {
            long start = System.nanoTime();
            GeoRaster metadata = GeoRaster.open(file);
            long sis = System.nanoTime();
            GdalDecodedTiff pixels = GdalDecodedTiff.of(metadata).orElseThrow(
                    () -> new IllegalStateException("GDAL does not decode " + file + " here (is libgdal installed?)"));
            long gdal = System.nanoTime();
            pixels.close();
            System.out.printf("open %2d: SIS %.2f ms, GDAL %.2f ms%n", i, (sis - start) / 1e6, (gdal - sis) / 1e6);
        }
    }
}
