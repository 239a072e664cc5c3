package io.rgbunmix.ancillary;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.geo.SrsNames;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stax.StAXSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads ancillary features from a GML feature collection as WFS 1.0 (GML 2) and WFS 1.1 (GML 3.1) write
 * them: members under gml:featureMember, gml:featureMembers or wfs:member; each feature's properties are
 * its simple child elements, its geometry the child holding a GML geometry (Point, LineString, Polygon,
 * their Multi* forms, MultiSurface). Streamed feature by feature; a DOCTYPE is refused.
 */
public final class GmlFeatures {
    private static final XMLInputFactory INPUT = ClientXml.newInputFactory();
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private GmlFeatures() {
    }

    public static FeatureCollection read(InputStream in) throws IOException {
        List<AncillaryFeature> features = new ArrayList<>();
        CoordinateReferenceSystem collectionCrs = null;
        try {
            XMLStreamReader reader = INPUT.createXMLStreamReader(in);
            var transformer = TransformerFactory.newInstance().newTransformer();
            boolean inMembers = false;
            int event = reader.next();
            while (true) {
                if (event == XMLStreamConstants.DTD) {
                    throw new IllegalArgumentException("GML with a DOCTYPE declaration is not accepted");
                }
                if (event == XMLStreamConstants.START_ELEMENT && isMembers(reader.getLocalName())) {
                    inMembers = true;
                } else if (event == XMLStreamConstants.END_ELEMENT && isMembers(reader.getLocalName())) {
                    inMembers = false;
                } else if (event == XMLStreamConstants.START_ELEMENT && inMembers) {
                    DOMResult dom = new DOMResult();
                    transformer.transform(new StAXSource(reader), dom); // consumes the feature's subtree
                    Parsed parsed;
                    try {
                        parsed = feature((Element) dom.getNode().getFirstChild(), features.size());
                    } catch (IllegalArgumentException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        // a structure this reader did not foresee: refused in words, never with the reader's fault
                        throw new IllegalArgumentException("feature #" + (features.size() + 1)
                                + ": not a GML feature this reader understands", e);
                    }
                    if (collectionCrs == null) {
                        collectionCrs = parsed.crs();
                    }
                    Geometry geometry = parsed.crs().equals(collectionCrs) ? parsed.geometry()
                            : new Reprojection(parsed.crs(), collectionCrs).apply(parsed.geometry());
                    features.add(new AncillaryFeature(parsed.id(), geometry, AncillaryValues.fromAttributes(
                            parsed.properties(), "feature " + parsed.id())));
                    event = reader.getEventType(); // the transform leaves the reader on the event after the feature
                    continue;
                }
                if (!reader.hasNext()) {
                    break;
                }
                event = reader.next();
            }
        } catch (XMLStreamException | TransformerException e) {
            throw new IOException("ancillary GML is not readable: " + XmlErrors.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // the JDK's parser can fail on its own (e.g. a message resource it lacks): still malformed XML
            throw new IOException("ancillary GML is not readable: the XML is malformed", e);
        }
        return new FeatureCollection(features, collectionCrs == null ? Crs.LON_LAT : collectionCrs);
    }

    private static boolean isMembers(String name) {
        return name.equals("featureMember") || name.equals("featureMembers") || name.equals("member");
    }

    private record Parsed(String id, Geometry geometry, CoordinateReferenceSystem crs, Map<String, Object> properties) {
    }

    private static Parsed feature(Element feature, int index) {
        String id = feature.getAttributeNS(GmlNames.GML, "id");
        if (id.isEmpty()) {
            id = feature.getAttributeNS(GmlNames.GML32, "id");
        }
        if (id.isEmpty()) {
            id = feature.getAttribute("fid");
        }
        if (id.isEmpty()) {
            id = "#" + (index + 1);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Geometry geometry = null;
        SrsNames.Srs srs = null;
        for (Element property : children(feature)) {
            Element value = first(property);
            if (value != null && GmlNames.isGml(value)) {
                String srsName = value.getAttribute("srsName");
                srs = srsName.isEmpty() ? new SrsNames.Srs(Crs.LON_LAT, false) : SrsNames.parse(srsName);
                geometry = geometry(value, srs.northFirst(), "feature " + id);
            } else if (!GmlNames.isGml(property)) {
                properties.put(property.getLocalName(), property.getTextContent().trim());
            }
        }
        if (geometry == null) {
            throw new IllegalArgumentException("feature " + id + ": no GML geometry");
        }
        return new Parsed(id, geometry, srs.crs(), properties);
    }

    private static Geometry geometry(Element element, boolean northFirst, String source) {
        String type = element.getLocalName();
        return switch (type) {
            case "Point" -> GEOMETRY.createPoint(coordinates(element, northFirst, source)[0]);
            case "LineString" -> GEOMETRY.createLineString(coordinates(element, northFirst, source));
            case "Polygon" -> polygon(element, northFirst, source);
            case "MultiPoint", "MultiLineString", "MultiCurve", "MultiPolygon", "MultiSurface" -> {
                List<Geometry> parts = new ArrayList<>();
                for (Element member : descendants(element)) {
                    String name = member.getLocalName();
                    if (name.equals("Point") || name.equals("LineString") || name.equals("Polygon")) {
                        parts.add(geometry(member, northFirst, source));
                    }
                }
                yield GEOMETRY.buildGeometry(parts);
            }
            default -> throw new IllegalArgumentException(source + ": GML geometry " + type + " is not supported");
        };
    }

    private static Polygon polygon(Element polygon, boolean northFirst, String source) {
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (Element boundary : children(polygon)) {
            Element ring = first(boundary);
            if (ring == null || !ring.getLocalName().equals("LinearRing")) {
                continue;
            }
            LinearRing linear = GEOMETRY.createLinearRing(coordinates(ring, northFirst, source));
            String name = boundary.getLocalName();
            if (name.equals("outerBoundaryIs") || name.equals("exterior")) {
                shell = linear;
            } else if (name.equals("innerBoundaryIs") || name.equals("interior")) {
                holes.add(linear);
            }
        }
        if (shell == null) {
            throw new IllegalArgumentException(source + ": polygon without an exterior ring");
        }
        return GEOMETRY.createPolygon(shell, holes.toArray(LinearRing[]::new));
    }

    /** Coordinates from gml:coordinates ("x,y x,y"), gml:posList, or gml:pos elements, east first. */
    private static Coordinate[] coordinates(Element element, boolean northFirst, String source) {
        List<double[]> pairs = new ArrayList<>();
        for (Element child : children(element)) {
            String text = child.getTextContent().trim();
            switch (child.getLocalName()) {
                case "coordinates" -> {
                    for (String tuple : text.split("\\s+")) {
                        String[] xy = tuple.split(",");
                        if (xy.length < 2) {
                            throw new IllegalArgumentException(source + ": '" + tuple + "' is not a coordinate pair x,y");
                        }
                        pairs.add(new double[] {number(xy[0], source), number(xy[1], source)});
                    }
                }
                case "posList", "pos" -> {
                    String[] values = text.split("\\s+");
                    for (int i = 0; i + 1 < values.length; i += 2) {
                        pairs.add(new double[] {number(values[i], source), number(values[i + 1], source)});
                    }
                }
                default -> { }
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(source + ": a GML " + element.getLocalName() + " without coordinates");
        }
        return pairs.stream().map(p -> northFirst ? new Coordinate(p[1], p[0]) : new Coordinate(p[0], p[1]))
                .toArray(Coordinate[]::new);
    }

    private static double number(String text, String source) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": '" + text + "' is not a coordinate");
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    private static List<Element> descendants(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Element child : children(parent)) {
            list.add(child);
            if (!child.getLocalName().equals("Point") && !child.getLocalName().equals("LineString")
                    && !child.getLocalName().equals("Polygon")) {
                list.addAll(descendants(child));
            }
        }
        return list;
    }

    private static Element first(Element parent) {
        List<Element> list = children(parent);
        return list.isEmpty() ? null : list.get(0);
    }
}
