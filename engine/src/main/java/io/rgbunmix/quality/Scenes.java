package io.rgbunmix.quality;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.ResampledRaster;
import io.rgbunmix.raster.Rescale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.util.Utilities;

/**
 * The scenes of one run, as every front end gives them: one or several dates, each with the mask its
 * product carries or one the user gives, made into the one raster the engine reads: a scene read through
 * its mask, or the composite of the dates on the first date's grid. Owns what is added to it, and closes
 * it; the raster it makes is a view of them.
 */
public final class Scenes implements AutoCloseable {
    private final List<OpenedRaster> dates = new ArrayList<>();
    private final List<RasterSource> givenMasks = new ArrayList<>();

    /** How the masks are read. */
    public record MaskChoice(boolean none, Set<Integer> classes) {
        /** The products' own masks with their default classes, a given mask's nonzero pixels. */
        public static final MaskChoice DEFAULT = new MaskChoice(false, Set.of());

        /**
         * From a user's words: empty or null for the default, "none" for no mask at all (not even the
         * product's), else classes "3,8,9,10" (for an SCL, or a given mask).
         */
        public static MaskChoice parse(String text) {
            if (text == null || text.isBlank()) {
                return DEFAULT;
            }
            if (text.trim().equalsIgnoreCase("none")) {
                return new MaskChoice(true, Set.of());
            }
            return new MaskChoice(false, QualityMask.parseClasses(text));
        }
    }

    /** Adds a date; it is closed with the others. */
    public void add(OpenedRaster date) {
        dates.add(date);
    }

    /** Adds a mask the user gave, for the date of the same rank; it is closed with the others. */
    public void addMask(RasterSource mask) {
        givenMasks.add(mask);
    }

    public int count() {
        return dates.size();
    }

    /**
     * The raster to run on.
     *
     * @param given the user's stretch for every date, or null for each date's own
     * @throws RasterException naming the input ("raster" or "mask") when the scenes cannot be used together
     */
    public OpenedRaster raster(MaskChoice choice, Rescale given) throws RasterException {
        if (dates.isEmpty()) {
            throw new IllegalStateException("no scene was added");
        }
        if (!givenMasks.isEmpty() && givenMasks.size() != dates.size()) {
            throw new RasterException("mask: " + givenMasks.size() + " mask(s) for " + dates.size()
                    + " raster(s); give one mask per raster, in the same order, or none (products' own masks are "
                    + "found by themselves)");
        }
        RasterGeometry grid = dates.get(0).source().geometry();
        List<RasterSource> sources = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Rescale> stretches = new ArrayList<>();
        for (int d = 0; d < dates.size(); d++) {
            OpenedRaster date = dates.get(d);
            RasterSource source = date.source();
            QualityMask mask = choice.none() ? null : mask(d, choice);
            if (mask != null) {
                source = new MaskedRaster(source, mask, givenMasks.isEmpty() ? "raster" : "mask");
            }
            if (d > 0 && !sameGrid(source.geometry(), grid)) {
                ResampledRaster onGrid = new ResampledRaster(source, grid);
                if (onGrid.coverage() == 0) {
                    throw new RasterException("raster: the scenes do not overlap: " + source.name() + " ("
                            + Crs.label(source.geometry().crs()) + ") lies outside " + dates.get(0).source().name()
                            + "; a composite needs scenes of the same place");
                }
                source = onGrid;
            }
            sources.add(source);
            labels.add(label(date));
            stretches.add(date.rescale());
        }
        if (sources.size() == 1) {
            OpenedRaster only = dates.get(0);
            return new OpenedRaster(sources.get(0), given != null ? given : only.rescale(), only.description()
                    + (sources.get(0).mask() == null ? "" : ", masked by " + sources.get(0).mask().source()),
                    null, only.date());
        }
        Composite composite = new Composite(sources, labels, stretches, given);
        return new OpenedRaster(composite, composite.rescale(), String.format(Locale.ROOT,
                "a composite of %d dates (%s), the median of their unmasked pixels", sources.size(),
                String.join(", ", labels)), null, null);
    }

    /** A date found in a file's name: 20240501 or 2024-05-01, as Sentinel-2 and most users name scenes. */
    private static final Pattern DATE_IN_NAME = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})-?([01]\\d)-?([0-3]\\d)(?!\\d)");

    /** What a date is called: its acquisition date, else a date in its name, else its name. */
    static String label(OpenedRaster date) {
        if (date.date() != null) {
            return date.date();
        }
        Matcher found = DATE_IN_NAME.matcher(date.source().name());
        return found.find() ? found.group(1) + "-" + found.group(2) + "-" + found.group(3) : date.source().name();
    }

    private QualityMask mask(int d, MaskChoice choice) {
        if (!givenMasks.isEmpty()) {
            return QualityMask.given(givenMasks.get(d), choice.classes());
        }
        OpenedRaster.FoundMask found = dates.get(d).qualityMask();
        if (found == null) {
            return null;
        }
        return found.kind() == OpenedRaster.FoundMask.Kind.CLOUD_BANDS
                ? QualityMask.cloudClassification(found.source(), found.product())
                : QualityMask.sceneClassification(found.source(), found.product(),
                choice.classes().isEmpty() ? QualityMask.SCL_DEFAULT : choice.classes());
    }

    private static boolean sameGrid(RasterGeometry a, RasterGeometry b) {
        return a.width() == b.width() && a.height() == b.height() && a.gridToCrs().equals(b.gridToCrs())
                && Utilities.equalsIgnoreMetadata(Crs.eastNorth(a.crs()), Crs.eastNorth(b.crs()));
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable owned : owned()) {
            try {
                owned.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private List<AutoCloseable> owned() {
        List<AutoCloseable> owned = new ArrayList<>(dates);
        for (RasterSource mask : givenMasks) {
            if (mask instanceof AutoCloseable closeable) {
                owned.add(closeable);
            }
        }
        return owned;
    }
}
