package io.rgbunmix.output;

import io.rgbunmix.geo.SrsNames;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.locationtech.jts.geom.Coordinate;

/**
 * A WFS feature collection of the windows, as WFS 1.0 (GML 2) or WFS 1.1 (GML 3.1) write it, in the
 * raster's CRS: GML 2 gives coordinates east first with an EPSG srsName, GML 3 gives them in the
 * authority's axis order with a URN srsName. Streamed.
 */
public final class GmlResultWriter implements ResultWriter {
    static final String WFS = "http://www.opengis.net/wfs";
    static final String GML = "http://www.opengis.net/gml";
    static final String UNMIX = "http://rgbunmix.io/unmix";

    private final OutputStream out;
    private final boolean gml3;
    private XMLStreamWriter xml;
    private ResultAttributes attributes;
    private List<String> names;
    private String srsName;
    private boolean northFirst;

    /** {@code gml3}: WFS 1.1 / GML 3.1 (text/xml; subtype=wfs-collection/1.1), else WFS 1.0 / GML 2. */
    public GmlResultWriter(OutputStream out, boolean gml3) {
        this.out = out;
        this.gml3 = gml3;
    }

    @Override
    public void begin(RunLayout layout) throws IOException {
        attributes = ResultAttributes.of(layout);
        names = ResultAttributes.names(layout.model());
        Integer epsg = SrsNames.epsg(layout.raster().crs());
        if (epsg != null) {
            srsName = gml3 ? "urn:ogc:def:crs:EPSG::" + epsg : "http://www.opengis.net/gml/srs/epsg.xml#" + epsg;
            northFirst = gml3 && SrsNames.parse(srsName).northFirst();
        }
        try {
            xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setPrefix("wfs", WFS);
            xml.setPrefix("gml", GML);
            xml.setPrefix("unmix", UNMIX);
            xml.writeStartElement("wfs", "FeatureCollection", WFS);
            xml.writeNamespace("wfs", WFS);
            xml.writeNamespace("gml", GML);
            xml.writeNamespace("unmix", UNMIX);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void write(WindowResult result) throws IOException {
        try {
            xml.writeStartElement("gml", "featureMember", GML);
            xml.writeStartElement("unmix", "window", UNMIX);
            String id = "window." + result.window().id();
            if (gml3) {
                xml.writeAttribute("gml", GML, "id", id);
            } else {
                xml.writeAttribute("fid", id);
            }
            xml.writeStartElement("unmix", "footprint", UNMIX);
            polygon(result.footprint().getExteriorRing().getCoordinates());
            xml.writeEndElement();
            List<Object> values = attributes.values(result);
            for (int i = 0; i < names.size(); i++) {
                xml.writeStartElement("unmix", names.get(i), UNMIX);
                xml.writeCharacters(String.valueOf(values.get(i)));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void polygon(Coordinate[] ring) throws XMLStreamException {
        xml.writeStartElement("gml", "Polygon", GML);
        if (srsName != null) {
            xml.writeAttribute("srsName", srsName);
        }
        xml.writeStartElement("gml", gml3 ? "exterior" : "outerBoundaryIs", GML);
        xml.writeStartElement("gml", "LinearRing", GML);
        StringBuilder text = new StringBuilder();
        for (Coordinate c : ring) {
            double first = northFirst ? c.y : c.x;
            double second = northFirst ? c.x : c.y;
            text.append(text.length() == 0 ? "" : " ").append(first).append(gml3 ? " " : ",").append(second);
        }
        xml.writeStartElement("gml", gml3 ? "posList" : "coordinates", GML);
        xml.writeCharacters(text.toString());
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        try {
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
