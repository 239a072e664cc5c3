package io.rgbunmix.output;

import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.WindowChange;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.QuicklookRaster;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * {@code change.png}: two maps over the "before" picture side by side. On the left one class's change on a
 * diverging scale (loss red, gain blue; faint where the change is not likely); on the right the dominant class
 * after, outlined in black where it differs from the one before. A legend below both.
 */
public final class ChangePngWriter {
    /** ColorBrewer RdBu in five steps, as the web map's: safe for the colour-blind. */
    static final Color[] DIVERGING = {new Color(0xb2182b), new Color(0xef8a62), new Color(0xf7f7f7),
        new Color(0x67a9cf), new Color(0x2166ac)};
    static final String[] DIVERGING_LABELS = {"below -20 points", "-20 to -5", "-5 to +5", "+5 to +20",
        "above +20 points"};
    private static final int LINE = 22;
    private static final int GAP = 16;

    private ChangePngWriter() {
    }

    /** The step of the diverging scale a change in points falls in, as the web map bins it. */
    static int step(double points) {
        return points < -20 ? 0 : points < -5 ? 1 : points <= 5 ? 2 : points <= 20 ? 3 : 4;
    }

    /**
     * The class a change map shows when none is asked: the one with the most windows of likely change (the
     * first class when none changed).
     */
    public static int mostChanged(ChangeComparison comparison) {
        int classes = comparison.model().classes().size();
        int[] likely = new int[classes];
        for (WindowChange change : comparison.changes()) {
            for (int k = 0; k < classes; k++) {
                likely[k] += change.likely()[k] ? 1 : 0;
            }
        }
        int best = 0;
        for (int k = 1; k < classes; k++) {
            best = likely[k] > likely[best] ? k : best;
        }
        return best;
    }

    /** Writes the picture of class {@code k}'s change; {@code picture} is the raster the "before" period was read through. */
    public static void write(ChangeComparison comparison, QuicklookRaster picture, int k, Path file) throws IOException {
        ImageIO.write(render(comparison, picture, k), "png", file.toFile());
    }

    static BufferedImage render(ChangeComparison comparison, QuicklookRaster picture, int k) {
        BufferedImage base = picture.picture();
        ModelCard card = comparison.model();
        int step = picture.step();
        int side = Math.max(1, comparison.layout().grid().size() / step);
        int width = base.getWidth();
        int legendRows = Math.max(DIVERGING.length, card.classes().size()) + 2;
        BufferedImage out = new BufferedImage(2 * width + GAP, base.getHeight() + legendRows * LINE + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(base, 0, 0, null);
            g.drawImage(base, width + GAP, 0, null);
            for (WindowChange change : comparison.changes()) {
                int x = change.before().window().x() / step;
                int y = change.before().window().y() / step;
                Color colour = DIVERGING[step(change.difference()[k])];
                g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), change.likely()[k] ? 220 : 60));
                g.fillRect(x, y, side, side);
                int after = change.after().dominantClass();
                Color dominant = ClassColours.of(card.classes().get(after).key(), after);
                g.setColor(new Color(dominant.getRed(), dominant.getGreen(), dominant.getBlue(), 150));
                g.fillRect(width + GAP + x, y, side, side);
                boolean changed = after != change.before().dominantClass();
                g.setColor(changed ? Color.BLACK : dominant);
                g.setStroke(new BasicStroke(changed ? 3f : 1f));
                g.drawRect(width + GAP + x, y, side - 1, side - 1);
            }
            int y = base.getHeight() + GAP;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Change of " + card.classes().get(k).name() + " (faint: not likely)", 8, y + 4);
            g.drawString("Dominant class after, outlined where it changed", width + GAP + 8, y + 4);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int i = 0; i < DIVERGING.length; i++) {
                QuicklookPngWriter.swatch(g, DIVERGING[i], DIVERGING_LABELS[i], 8, y + LINE * (i + 1) - 4);
            }
            for (int i = 0; i < card.classes().size(); i++) {
                Color colour = ClassColours.of(card.classes().get(i).key(), i);
                QuicklookPngWriter.swatch(g, colour, card.classes().get(i).name(), width + GAP + 8, y + LINE * (i + 1) - 4);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
