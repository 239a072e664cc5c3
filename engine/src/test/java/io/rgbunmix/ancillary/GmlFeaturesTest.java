package io.rgbunmix.ancillary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;

class GmlFeaturesTest {
    private static final String PROPS = "<s:evapotranspiration>900</s:evapotranspiration><s:precipitation>380</s:precipitation>"
            + "<s:elevation>520</s:elevation><s:slope>6</s:slope><s:temp_ave>16.6</s:temp_ave>"
            + "<s:temp_max>23.7</s:temp_max><s:temp_min>10.1</s:temp_min>";

    private static FeatureCollection read(String xml) throws Exception {
        return GmlFeatures.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wfs10Gml2PolygonsInUtmWithEastFirstCoordinates() throws Exception {
        FeatureCollection collection = read("<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\" "
                + "xmlns:gml=\"http://www.opengis.net/gml\" xmlns:s=\"http://example.org/s\"><gml:featureMember>"
                + "<s:zone fid=\"zone.1\"><s:the_geom><gml:Polygon srsName=\"http://www.opengis.net/gml/srs/epsg.xml#32630\">"
                + "<gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>300000,4190000 310000,4190000 310000,4200000 "
                + "300000,4200000 300000,4190000</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>"
                + "</s:the_geom>" + PROPS + "</s:zone></gml:featureMember></wfs:FeatureCollection>");
        assertEquals(1, collection.features().size());
        AncillaryFeature zone = collection.features().get(0);
        assertEquals("zone.1", zone.id());
        assertEquals(1e8, zone.geometry().getArea(), 1e-3);
        assertEquals(300000, zone.geometry().getEnvelopeInternal().getMinX());
        assertTrue(collection.crs().getName().getCode().contains("UTM zone 30N"));
        assertEquals(520, zone.values().get(2));
    }

    @Test
    void wfs11Gml3InWgs84UrnIsLatitudeFirstAndIsTurnedEastFirst() throws Exception {
        FeatureCollection collection = read("<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\" "
                + "xmlns:gml=\"http://www.opengis.net/gml\" xmlns:s=\"http://example.org/s\"><gml:featureMembers>"
                + "<s:zone gml:id=\"a\"><s:geom><gml:MultiSurface srsName=\"urn:x-ogc:def:crs:EPSG:4326\"><gml:surfaceMember>"
                + "<gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>37 -6 37 -5 38 -5 38 -6 37 -6</gml:posList>"
                + "</gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface></s:geom>" + PROPS
                + "</s:zone><s:zone gml:id=\"b\"><s:geom><gml:Point srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:pos>37.5 -5.5"
                + "</gml:pos></gml:Point></s:geom>" + PROPS + "</s:zone></gml:featureMembers></wfs:FeatureCollection>");
        assertEquals(2, collection.features().size());
        var envelope = collection.features().get(0).geometry().getEnvelopeInternal();
        assertEquals(-6, envelope.getMinX());
        assertEquals(37, envelope.getMinY());
        assertEquals(-5.5, collection.features().get(1).geometry().getCoordinate().x);
        assertEquals(37.5, collection.features().get(1).geometry().getCoordinate().y);
        assertTrue(collection.features().get(0).geometry().getGeometryN(0) instanceof Polygon);
    }

    @Test
    void errorsNameTheFeature() {
        String missing = "<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:gml=\"http://www.opengis.net/gml\""
                + " xmlns:s=\"http://example.org/s\"><gml:featureMember><s:zone fid=\"z9\"><s:g><gml:Point srsName=\"EPSG:4326\">"
                + "<gml:coordinates>-5,37</gml:coordinates></gml:Point></s:g>" + PROPS.replace("<s:slope>6</s:slope>", "")
                + "</s:zone></gml:featureMember></wfs:FeatureCollection>";
        assertEquals("feature z9: missing ancillary attribute 'slope' (needs evapotranspiration, precipitation, elevation,"
                + " slope, temp_ave, temp_max, temp_min)", assertThrows(IllegalArgumentException.class, () -> read(missing))
                .getMessage());
        String doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assertThrows(Exception.class, () -> read(doctype));
    }
}
