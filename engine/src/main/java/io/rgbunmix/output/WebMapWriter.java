package io.rgbunmix.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * What a web map of a run needs besides its features: the legend (each class's key, name and colour)
 * and the raster's own picture on longitude/latitude with its bounds, as {@code map.json} and
 * {@code quicklook.png} ({@link #writeTo}), or in memory ({@link #legend}, {@link #quicklook}).
 */
public final class WebMapWriter implements ResultWriter {
    public static final String MAP_FILE = "map.json";
    public static final String QUICKLOOK_FILE = "quicklook.png";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the features of a map are: a run's abundances, or a change's ({@code change.geojson}'s windows). */
    public enum Kind { ABUNDANCES, CHANGE }

    private final QuicklookRaster raster;
    private final Kind kind;
    private ModelCard card;
    private LonLatQuicklook quicklook;
    private long windows;

    public WebMapWriter(QuicklookRaster raster) {
        this(raster, Kind.ABUNDANCES);
    }

    public WebMapWriter(QuicklookRaster raster, Kind kind) {
        this.raster = raster;
        this.kind = kind;
    }

    @Override
    public void begin(RunLayout layout) {
        this.card = layout.model();
    }

    @Override
    public void write(WindowResult result) {
        windows++;
    }

    @Override
    public void finish(RunSummary summary) {
        quicklook = LonLatQuicklook.of(raster);
    }

    /** The picture, after the run. */
    public LonLatQuicklook quicklook() {
        if (quicklook == null) {
            throw new IllegalStateException("the run has not finished");
        }
        return quicklook;
    }

    /**
     * {@code {"kind", "level", "windows", "classes": [{"key", "name", "colour"}], "quicklook": {"west", "south",
     * "east", "north"}}}: what the features are ("abundances", or "change": styled by their
     * {@code dominant_after}), the legend and where the picture lies.
     */
    public ObjectNode legend() {
        ObjectNode map = JSON.createObjectNode().put("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .put("level", card.level().name()).put("windows", windows);
        ArrayNode classes = map.putArray("classes");
        for (int k = 0; k < card.classes().size(); k++) {
            ModelCard.ClassInfo info = card.classes().get(k);
            classes.addObject().put("key", info.key()).put("name", info.name()).put("colour", ClassColours.hex(info.key(), k));
        }
        LonLatQuicklook picture = quicklook();
        map.putObject("quicklook").put("west", picture.west()).put("south", picture.south())
                .put("east", picture.east()).put("north", picture.north());
        return map;
    }

    /** Writes {@code map.json} and {@code quicklook.png} into {@code folder}. */
    public void writeTo(Path folder) throws IOException {
        JSON.writeValue(folder.resolve(MAP_FILE).toFile(), legend());
        ImageIO.write(quicklook().image(), "png", folder.resolve(QUICKLOOK_FILE).toFile());
    }
}
