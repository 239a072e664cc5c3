package io.rgbunmix.inputs;

/**
 * A STAC API Item Search: the API's root URL, a collection (e.g. sentinel-2-l2a), a period
 * ("2024-05-01/2024-09-30", RFC 3339 intervals), the area in longitude/latitude and the most cloud cover
 * a scene may have, in percent (null: any).
 */
public record StacSearch(String url, String collection, String datetime, double[] bbox, Double maxCloudCover) {
    /** The most cloud a scene may have when nothing else is asked, in percent (every front end's default). */
    public static final int MAX_CLOUD_COVER = 50;

    public StacSearch {
        if (bbox == null || bbox.length != 4) {
            throw new IllegalArgumentException("a STAC search needs the run's area as minlon,minlat,maxlon,maxlat "
                    + "(--area)");
        }
        bbox = bbox.clone();
    }

    @Override
    public double[] bbox() {
        return bbox.clone();
    }
}
