package io.rgbunmix.output;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.MaskInfo;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.WindowResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The attributes of one window, shared by every feature encoding (SPEC section 4): ids,
 * centre, one percent per class, the dominant class, one presence probability per class
 * ({@code p_<key>}), the ancillary values used and where each came from ({@code ancillary_sources}),
 * then what the window's pixels were: the part its quality mask rejected ({@code masked_fraction}, 0..1),
 * the mask ({@code mask}, "none" without one), and for a composite the number of dates that gave its
 * pixels and those dates ({@code dates_used}, {@code dates}: ISO dates joined by ';'; 1 and "" for a
 * single scene).
 */
public final class ResultAttributes {
    private ResultAttributes() {
    }

    public static List<String> names(ModelCard card) {
        List<String> names = new ArrayList<>(List.of("window_id", "row", "col", "centre_lon", "centre_lat"));
        card.classes().forEach(c -> names.add(c.key()));
        names.add("dominant_class");
        card.classes().forEach(c -> names.add("p_" + c.key()));
        names.addAll(ModelContract.ANCILLARY);
        names.add("ancillary_sources");
        names.addAll(List.of("masked_fraction", "mask", "dates_used", "dates"));
        return names;
    }

    /** The Java type of each attribute, in the order of {@link #names}. */
    public static List<Class<?>> types(ModelCard card) {
        int k = card.classes().size();
        List<Class<?>> types = new ArrayList<>(List.of(Long.class, Integer.class, Integer.class, Double.class, Double.class));
        types.addAll(Collections.nCopies(k, Double.class));
        types.add(String.class);
        types.addAll(Collections.nCopies(k, Double.class));
        types.addAll(Collections.nCopies(ModelContract.ANCILLARY.size(), Double.class));
        types.add(String.class);
        types.addAll(List.of(Double.class, String.class, Integer.class, String.class));
        return types;
    }

    /** Values in the order of {@link #names}, for a run without a quality mask. */
    public static List<Object> values(ModelCard card, WindowResult result) {
        return values(card, null, result);
    }

    /** Values in the order of {@link #names}: Long, Integer, Double or String. */
    public static List<Object> values(RunLayout layout, WindowResult result) {
        return values(layout.model(), layout.mask(), result);
    }

    private static List<Object> values(ModelCard card, MaskInfo mask, WindowResult result) {
        int k = card.classes().size();
        List<Object> values = new ArrayList<>(5 + 2 * k + 1 + ModelContract.ANCILLARY.size());
        values.add(result.window().id());
        values.add(result.window().row());
        values.add(result.window().col());
        values.add(result.centreLon());
        values.add(result.centreLat());
        for (int i = 0; i < k; i++) {
            values.add(result.percent(i));
        }
        values.add(card.classes().get(result.dominantClass()).key());
        for (int i = 0; i < k; i++) {
            values.add((double) result.presence()[i]);
        }
        for (int i = 0; i < ModelContract.ANCILLARY.size(); i++) {
            values.add(result.ancillary().get(i));
        }
        values.add(result.ancillary().describeSources());
        values.add(result.maskedFraction());
        values.add(mask == null ? "none" : mask.source());
        values.add(result.dates().isEmpty() ? 1 : result.dates().size());
        values.add(String.join(";", result.dates()));
        return values;
    }
}
