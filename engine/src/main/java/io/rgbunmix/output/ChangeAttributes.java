package io.rgbunmix.output;

import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.WindowChange;
import io.rgbunmix.model.ModelCard;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of a window's change, the same in every change output: where it is, each class's percentage
 * before and after, the difference in points and whether it is likely (above the model's uncertainty), and
 * the dominant class before and after.
 */
public final class ChangeAttributes {
    private ChangeAttributes() {
    }

    public static List<String> names(ModelCard card) {
        List<String> names = new ArrayList<>(List.of("window_id", "row", "col", "centre_lon", "centre_lat"));
        for (ModelCard.ClassInfo c : card.classes()) {
            names.addAll(List.of(c.key() + "_before", c.key() + "_after", c.key() + "_change", c.key() + "_likely"));
        }
        names.addAll(List.of("dominant_before", "dominant_after", "likely_change"));
        return names;
    }

    public static List<Object> values(ChangeComparison comparison, WindowChange change) {
        List<ModelCard.ClassInfo> classes = comparison.model().classes();
        List<Object> values = new ArrayList<>(List.of(change.before().window().id(), change.before().window().row(),
                change.before().window().col(), change.before().centreLon(), change.before().centreLat()));
        for (int k = 0; k < classes.size(); k++) {
            values.addAll(List.of(change.before().percent(k), change.after().percent(k), change.difference()[k],
                    change.likely()[k]));
        }
        values.addAll(List.of(classes.get(change.before().dominantClass()).key(),
                classes.get(change.after().dominantClass()).key(), change.anyLikely()));
        return values;
    }
}
