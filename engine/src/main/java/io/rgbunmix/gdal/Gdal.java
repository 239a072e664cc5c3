package io.rgbunmix.gdal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.rgbunmix.raster.RasterException;
import java.util.List;

/**
 * The few functions of GDAL's C API that reading needs, loaded once per JVM. GDAL's own error
 * printing is silenced: its messages are read back with {@link #lastError()} and put in ours.
 *
 * <p>GDAL never goes on the network here, for anyone: remote rasters are read by rgbunmix's own
 * fetcher, under its reference rules (allow-list, caps, redirects checked), and a path that GDAL would
 * fetch ({@code /vsicurl/}, {@code /vsis3/}, ...) inside a file must not bypass them. Its virtual
 * file systems on http are therefore switched off when the library is loaded ({@link #NO_NETWORK}).
 */
public final class Gdal {
    /** Debian's package of the library, named in the message when it is missing. */
    public static final String PACKAGE = "libgdal32 (Debian: apt-get install -y gdal-bin)";
    /**
     * GDAL's block cache in MiB. Its default (5 % of the RAM) would keep most of a 10980 x 10980 tile
     * once read, so memory would grow with the raster; one row of 1024-pixel blocks of three 16-bit
     * bands is 66 MiB, and 256 MiB keeps several rows at once.
     */
    static final String CACHE_MIB = "256";
    /**
     * GDAL's curl-based file systems (/vsicurl/, /vsicurl_streaming/, /vsis3/, /vsigs/, ...) open only
     * names ending with one of CPL_VSIL_CURL_ALLOWED_EXTENSIONS: an extension no file has closes them
     * all, before any request is made. GDAL 3.6 has no other switch for them.
     */
    static final String NO_NETWORK = ".rgbunmix-no-network";

    /** GDAL's C functions, by their C names. Handles are opaque pointers. */
    interface Api extends Library {
        void GDALAllRegister();

        String GDALVersionInfo(String request);

        Pointer GDALOpenEx(String name, int flags, String[] drivers, String[] options, String[] siblings);

        void GDALClose(Pointer dataset);

        int GDALGetRasterXSize(Pointer dataset);

        int GDALGetRasterYSize(Pointer dataset);

        int GDALGetRasterCount(Pointer dataset);

        String GDALGetProjectionRef(Pointer dataset);

        int GDALGetGeoTransform(Pointer dataset, double[] transform);

        Pointer GDALGetDatasetDriver(Pointer dataset);

        String GDALGetDriverShortName(Pointer driver);

        Pointer GDALGetRasterBand(Pointer dataset, int band);

        int GDALGetRasterDataType(Pointer band);

        double GDALGetRasterNoDataValue(Pointer band, IntByReference success);

        /** Into native memory: JNA copies a Java array both ways, and a read needs neither copy in. */
        int GDALDatasetRasterIO(Pointer dataset, int readOrWrite, int x, int y, int width, int height, Pointer buffer,
                int bufferWidth, int bufferHeight, int bufferType, int bandCount, int[] bands, int pixelSpace,
                int lineSpace, int bandSpace);

        void CPLSetConfigOption(String key, String value);

        void CPLSetThreadLocalConfigOption(String key, String value);

        void CPLSetErrorHandler(Pointer handler);

        void CPLErrorReset();

        String CPLGetLastErrorMsg();
    }

    static final int GDAL_OF_RASTER = 0x02;
    static final int GDAL_OF_READONLY = 0x00;
    static final int GDAL_OF_VERBOSE_ERROR = 0x40;
    static final int GF_READ = 0;
    static final int GDT_BYTE = 1;
    static final int GDT_FLOAT32 = 6;
    static final int CE_NONE = 0;

    private final Api api;
    private final String version;

    private Gdal(Api api, String version) {
        this.api = api;
        this.version = version;
    }

    /** GDAL, loaded on first use; a {@link RasterException} naming the package when it cannot be. */
    public static Gdal get(String forWhat) throws RasterException {
        Loaded loaded = Loaded.RESULT;
        if (loaded.gdal == null) {
            throw new RasterException(forWhat + " needs GDAL, which is not installed here (" + loaded.problem
                    + "): install " + PACKAGE + ". GeoTIFF works without it.");
        }
        return loaded.gdal;
    }

    /** Whether libgdal could be loaded. */
    public static boolean available() {
        return Loaded.RESULT.gdal != null;
    }

    /** GDAL's release name, e.g. "3.6.2". */
    public String version() {
        return version;
    }

    Api api() {
        return api;
    }

    /** GDAL's last error on this thread, or a plain phrase when it has none. */
    String lastError() {
        String message = api.CPLGetLastErrorMsg();
        return message == null || message.isBlank() ? "GDAL gave no reason" : message.strip();
    }

    /** The outcome of the one attempt to load the library (the holder idiom: loaded on first use). */
    private record Loaded(Gdal gdal, String problem) {
        static final Loaded RESULT = load();

        private static Loaded load() {
            String problem = "no libgdal found";
            // Debian installs only the versioned name (libgdal.so.32); the bare one comes with -dev packages
            for (String name : List.of("gdal", "libgdal.so.32", "libgdal.so.33", "libgdal.so.34", "libgdal.so.36")) {
                try {
                    Api api = Native.load(name, Api.class);
                    api.CPLSetErrorHandler(NativeLibrary.getInstance(name).getFunction("CPLQuietErrorHandler"));
                    api.CPLSetConfigOption("GDAL_CACHEMAX", CACHE_MIB);
                    api.CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", NO_NETWORK);
                    api.GDALAllRegister();
                    return new Loaded(new Gdal(api, api.GDALVersionInfo("RELEASE_NAME")), null);
                } catch (UnsatisfiedLinkError e) {
                    problem = "no libgdal found";
                }
            }
            return new Loaded(null, problem);
        }
    }
}
