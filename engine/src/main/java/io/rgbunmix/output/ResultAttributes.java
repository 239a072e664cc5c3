package io.rgbunmix.output;

import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.WindowResult;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final ModelCard card;
    private final String mask;
    private final int attributeCount;
    /*
     * The windows of a run with constant ancillary values share one AncillaryValues: its sources are
     * described once. Describing them per window, inlined, also made values() the costliest method C2
     * compiled in a bench, 450 ms while the model ran (docs/performance.md).
     */
    private AncillaryValues described;
    private String description;

    private ResultAttributes(ModelCard card, String mask) {
        this.card = card;
        this.mask = mask;
        this.attributeCount = names(card).size();
    }

    /** The attributes of one run's windows, for one writer (they are not to be shared between threads). */
    public static ResultAttributes of(RunLayout layout) {
        return new ResultAttributes(layout.model(), layout.maskSource());
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

    /** A window's values in the order of {@link #names}: Long, Integer, Double or String. */
    public List<Object> values(WindowResult result) {
        int k = card.classes().size();
        int ancillary = ModelContract.ANCILLARY.size();
        // an array of the known size: with an ArrayList, C2 also compiled the growth of every add
        Object[] values = new Object[attributeCount];
        values[0] = result.window().id();
        values[1] = result.window().row();
        values[2] = result.window().col();
        values[3] = result.centreLon();
        values[4] = result.centreLat();
        int at = 5;
        for (int i = 0; i < k; i++) {
            values[at++] = result.percent(i);
        }
        values[at++] = card.classes().get(result.dominantClass()).key();
        for (int i = 0; i < k; i++) {
            values[at++] = (double) result.presence()[i];
        }
        for (int i = 0; i < ancillary; i++) {
            values[at++] = result.ancillary().get(i);
        }
        values[at++] = sources(result.ancillary());
        values[at++] = result.maskedFraction();
        values[at++] = mask;
        values[at++] = result.dates().isEmpty() ? 1 : result.dates().size();
        values[at] = result.dates().isEmpty() ? "" : String.join(";", result.dates());
        return Arrays.asList(values);
    }

    private String sources(AncillaryValues values) {
        if (values != described) {
            description = values.describeSources();
            described = values;
        }
        return description;
    }
}
