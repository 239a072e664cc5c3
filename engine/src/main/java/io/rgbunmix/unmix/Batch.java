package io.rgbunmix.unmix;

import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.windows.Window;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Polygon;

/**
 * A reusable batch of prepared windows. Buffers are direct so that ONNX Runtime reads them
 * without a copy; two more batches than there are inferring threads circulate between them and the writing thread.
 */
final class Batch {
    final FloatBuffer images;
    final FloatBuffer ancillary;
    final List<Window> windows = new ArrayList<>();
    final List<Polygon> footprints = new ArrayList<>();
    final List<AncillaryValues> values = new ArrayList<>();
    final List<Double> maskedFractions = new ArrayList<>();
    final List<Long> dates = new ArrayList<>();
    /** Grid windows walked since the previous batch, processed or skipped. */
    long walked;
    Map<SkipReason, Long> skipped = RunSummary.none();
    /** The windows skipped since the previous batch, and why (for writers that keep every window). */
    final List<Window> skippedWindows = new ArrayList<>();
    final List<SkipReason> skipReasons = new ArrayList<>();
    final List<String> skipDetails = new ArrayList<>();

    /** @param images room for the batch's windows (the store's, given back once the run has ended) */
    Batch(FloatBuffer images) {
        this.images = images;
        this.ancillary = direct(images.capacity() / ModelContract.WINDOW_FLOATS * ModelContract.ANCILLARY.size());
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    int size() {
        return windows.size();
    }

    boolean isFull() {
        return ancillary.remaining() == 0;
    }

    void add(Window window, Polygon footprint, AncillaryValues value, double maskedFraction, long dateBits) {
        windows.add(window);
        footprints.add(footprint);
        values.add(value);
        maskedFractions.add(maskedFraction);
        dates.add(dateBits);
        for (int i = 0; i < ModelContract.ANCILLARY.size(); i++) {
            ancillary.put((float) value.get(i));
        }
    }

    void skip(Window window, SkipReason reason, String detail) {
        skipped.merge(reason, 1L, Long::sum);
        skippedWindows.add(window);
        skipReasons.add(reason);
        skipDetails.add(detail);
    }

    /** Read-only views of the filled part, for inference. */
    FloatBuffer imageView() {
        return images.duplicate().flip();
    }

    FloatBuffer ancillaryView() {
        return ancillary.duplicate().flip();
    }

    Batch reset() {
        images.clear();
        ancillary.clear();
        windows.clear();
        footprints.clear();
        values.clear();
        maskedFractions.clear();
        dates.clear();
        walked = 0;
        skipped = RunSummary.none();
        skippedWindows.clear();
        skipReasons.clear();
        skipDetails.clear();
        return this;
    }
}
