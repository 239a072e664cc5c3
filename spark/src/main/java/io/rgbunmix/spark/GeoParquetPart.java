package io.rgbunmix.spark;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.windows.Window;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.SkipReason;
import io.rgbunmix.unmix.WindowResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;

/**
 * One task's windows as one GeoParquet 1.0 file: a row per window of its rows (processed or skipped),
 * the footprint as WKB in longitude/latitude (OGC:CRS84), and the {@code geo} metadata that Sedona,
 * GDAL 3.8+, DuckDB and GeoPandas read. Written under a temporary name and renamed by {@link #commit},
 * so a retried task replaces its part and a failed one leaves none.
 */
final class GeoParquetPart {
    private static final String CRS84 = projJson();

    private final Path folder;
    private final WindowRows rows;
    private final int cols;
    private final Path temporary;
    private final Path target;
    private final Envelope bounds = new Envelope();
    /** A task's rows are few (rowsPerTask x columns): kept until the bounding box is known. */
    private final List<Group> written = new ArrayList<>();
    private MessageType schema;
    private SimpleGroupFactory groups;
    private ModelCard card;
    private Reprojection toLonLat;
    private RunLayout layout;

    GeoParquetPart(Path folder, WindowRows rows, int cols) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.rows = rows;
        this.cols = cols;
        String name = rows.rasterId() + "-rows-" + rows.firstRow() + "-" + (rows.firstRow() + rows.rows() - 1);
        this.target = folder.resolve(name + ".parquet");
        this.temporary = folder.resolve("." + name + "-" + System.nanoTime() + ".parquet.tmp");
    }

    /**
     * The columns: ids, the footprint, one percentage and one presence per class, the ancillary values,
     * what the pixels were (masked fraction, mask, dates), and a skipped window's reason.
     */
    static MessageType schema(ModelCard card) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        message.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("raster_id");
        message.required(PrimitiveTypeName.INT32).named("row");
        message.required(PrimitiveTypeName.INT32).named("col");
        message.required(PrimitiveTypeName.INT64).named("window_id");
        message.required(PrimitiveTypeName.BINARY).named("geometry");
        card.classes().forEach(c -> message.optional(PrimitiveTypeName.DOUBLE).named(c.key()));
        message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("dominant_class");
        card.classes().forEach(c -> message.optional(PrimitiveTypeName.DOUBLE).named("p_" + c.key()));
        ModelContract.ANCILLARY.forEach(a -> message.optional(PrimitiveTypeName.DOUBLE).named(a));
        message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("ancillary_sources");
        message.optional(PrimitiveTypeName.DOUBLE).named("masked_fraction");
        message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("mask");
        message.optional(PrimitiveTypeName.INT32).named("dates_used");
        message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("dates");
        message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("skip_reason");
        message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("skip_detail");
        return message.named("window");
    }

    ResultWriter writer() {
        return new ResultWriter() {
            @Override
            public void begin(RunLayout run) throws IOException {
                layout = run;
                card = run.model();
                toLonLat = new Reprojection(run.raster().crs(), Crs.LON_LAT);
                schema = schema(card);
                groups = new SimpleGroupFactory(schema);
            }

            @Override
            public void write(WindowResult result) throws IOException {
                Group row = base(result.window(), result.footprint());
                for (int k = 0; k < card.classes().size(); k++) {
                    row.add(card.classes().get(k).key(), result.percent(k));
                }
                row.add("dominant_class", card.classes().get(result.dominantClass()).key());
                for (int k = 0; k < card.classes().size(); k++) {
                    row.add("p_" + card.classes().get(k).key(), (double) result.presence()[k]);
                }
                for (int i = 0; i < ModelContract.ANCILLARY.size(); i++) {
                    row.add(ModelContract.ANCILLARY.get(i), result.ancillary().get(i));
                }
                row.add("ancillary_sources", result.ancillary().describeSources());
                row.add("masked_fraction", result.maskedFraction());
                row.add("mask", layout.maskSource());
                row.add("dates_used", result.dates().isEmpty() ? 1 : result.dates().size());
                row.add("dates", String.join(";", result.dates()));
                written.add(row);
            }

            @Override
            public void skipped(Window window, SkipReason reason, String detail) throws IOException {
                Group row = base(window, layout.raster().footprint(window.x(), window.y(), layout.grid().size(),
                        layout.grid().size()));
                row.add("skip_reason", reason.name().toLowerCase(Locale.ROOT));
                row.add("skip_detail", detail);
                written.add(row);
            }

            @Override
            public void finish(RunSummary summary) {
            }
        };
    }

    private Group base(Window window, Polygon footprint) {
        Polygon lonLat = toLonLat.apply(footprint);
        bounds.expandToInclude(lonLat.getEnvelopeInternal());
        Group row = groups.newGroup();
        row.add("raster_id", rows.rasterId());
        row.add("row", window.row() + rows.firstRow());
        row.add("col", window.col());
        row.add("window_id", WindowRowsTask.globalId(window, rows.firstRow(), cols));
        row.add("geometry", Binary.fromConstantByteArray(new WKBWriter().write(lonLat)));
        return row;
    }

    /** Writes the file with its {@code geo} metadata, then moves it to its final name. */
    void commit() throws IOException {
        if (schema == null) {
            return;
        }
        try (ParquetWriter<Group> parquet = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(temporary.toUri()))
                .withConf(new Configuration()).withType(schema).withExtraMetaData(Map.of("geo", geoMetadata()))
                .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Group row : written) {
                parquet.write(row);
            }
        }
        // Hadoop's local file system leaves a .crc checksum beside the file: not part of the data set
        Files.deleteIfExists(temporary.resolveSibling("." + temporary.getFileName() + ".crc"));
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** GeoParquet 1.0.0's file metadata: one WKB polygon column in OGC:CRS84, with its bounding box. */
    String geoMetadata() {
        return "{\"version\":\"1.0.0\",\"primary_column\":\"geometry\",\"columns\":{\"geometry\":{"
                + "\"encoding\":\"WKB\",\"geometry_types\":[\"Polygon\"],\"crs\":" + CRS84 + ",\"bbox\":["
                + bounds.getMinX() + "," + bounds.getMinY() + "," + bounds.getMaxX() + "," + bounds.getMaxY() + "]}}}";
    }

    private static String projJson() {
        try (InputStream in = GeoParquetPart.class.getResourceAsStream("crs84.projjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource crs84.projjson", e);
        }
    }
}
