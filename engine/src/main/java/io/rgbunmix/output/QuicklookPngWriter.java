package io.rgbunmix.output;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * {@code abundances.png}: the raster's own RGB (from the {@link QuicklookRaster} it was read through),
 * each processed window tinted with the colour of its dominant class, and a legend. A picture to
 * glance at, or to put in a report; the numbers are in the other outputs.
 */
public final class QuicklookPngWriter implements ResultWriter {
    private static final int LEGEND_WIDTH = 400;
    private static final int LINE = 22;
    private static final int TINT_ALPHA = 110;

    private final Path file;
    private final QuicklookRaster quicklook;
    private final List<int[]> windows = new ArrayList<>();
    private RunLayout layout;

    public QuicklookPngWriter(Path file, QuicklookRaster quicklook) {
        this.file = file;
        this.quicklook = quicklook;
    }

    @Override
    public void begin(RunLayout layout) {
        this.layout = layout;
    }

    @Override
    public void write(WindowResult result) {
        windows.add(new int[] {result.window().x(), result.window().y(), result.dominantClass()});
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        ImageIO.write(render(), "png", file.toFile());
    }

    BufferedImage render() {
        BufferedImage base = quicklook.picture();
        ModelCard card = layout.model();
        int step = quicklook.step();
        int side = Math.max(1, layout.grid().size() / step);
        int height = Math.max(base.getHeight(), 2 * LINE + LINE * card.classes().size() + LINE);
        BufferedImage out = new BufferedImage(base.getWidth() + LEGEND_WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(base, 0, 0, null);
            g.setStroke(new BasicStroke(1f));
            for (int[] window : windows) {
                Color colour = ClassColours.of(card.classes().get(window[2]).key(), window[2]);
                g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), TINT_ALPHA));
                g.fillRect(window[0] / step, window[1] / step, side, side);
                g.setColor(colour);
                g.drawRect(window[0] / step, window[1] / step, side - 1, side - 1);
            }
            int x = base.getWidth() + 16;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Dominant class, SIPNA " + card.level(), x, LINE + 4);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int k = 0; k < card.classes().size(); k++) {
                swatch(g, ClassColours.of(card.classes().get(k).key(), k), card.classes().get(k).name(), x,
                        2 * LINE + k * LINE);
            }
            g.drawString(windows.size() + " windows of " + layout.grid().size() + " px", x,
                    2 * LINE + card.classes().size() * LINE + LINE / 2);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A legend's line: a 16-pixel square of {@code colour} with its top left at (x, y), and its label beside it. */
    static void swatch(Graphics2D g, Color colour, String label, int x, int y) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(colour);
        g.fillRect(x, y, 16, 16);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y, 16, 16);
        g.setColor(Color.BLACK);
        g.drawString(label, x + 24, y + 13);
    }
}
