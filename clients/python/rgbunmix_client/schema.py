"""How a process's JSON Schemas map onto QGIS Processing parameters (the plugin's whole contract):

| schema                                   | QGIS                                             |
|------------------------------------------|--------------------------------------------------|
| a GeoTIFF (contentMediaType image/tiff)  | raster layer: base64, or href for an http(s) one |
| the same with maxOccurs above 1          | several raster layers (a composite's dates), sent as an array |
| a GeoTIFF that may be a STAC item        | also a STAC API collection URL and dates (COLLECTION_SUFFIX, DATETIME_SUFFIX), sent as a collection input |
| GeoJSON / feature collections (JSON, GML)| feature source, sent as GeoJSON in EPSG:4326     |
| another media type (zip, csv, ...)       | file                                             |
| enum                                     | enum                                             |
| a bounding box (format ogc-bbox)         | extent, sent as {"bbox": [...], "crs": "...EPSG/0/<code>"} |
| an array of literals                     | string of comma-separated items, sent as an array|
| integer / number, minimum, maximum       | number                                           |
| boolean                                  | boolean                                          |
| string                                   | string                                           |
| outputs: GeoJSON / GeoTIFF / other (by the default format) | vector / raster / file destination |
| outputs: literal                         | string or number output                          |
"""

RASTER = "raster"
FEATURES = "features"
FILE = "file"
ENUM = "enum"
NUMBER = "number"
INTEGER = "integer"
BOOLEAN = "boolean"
STRING = "string"
EXTENT = "extent"
LIST = "list"
COLLECTION_SUFFIX = "Collection"
DATETIME_SUFFIX = "Datetime"
VECTOR_OUT = "vector"
RASTER_OUT = "raster"
FILE_OUT = "file"
LITERAL_OUT = "literal"


def media_types(schema):
    """The media types a complex value's schema takes, in order; empty for a literal."""
    types = []
    if "contentMediaType" in schema:
        types.append(schema["contentMediaType"])
    for alternative in schema.get("oneOf", []) + schema.get("anyOf", []):
        if isinstance(alternative, dict) and "contentMediaType" in alternative:
            types.append(alternative["contentMediaType"])
    return types


def is_features(media_type):
    lower = media_type.lower()
    return "json" in lower or "wfs-collection" in lower or "gml" in lower


def input_kind(schema):
    """One of the input kinds above, for an input's schema."""
    types = media_types(schema)
    if types:
        if any(t.lower().startswith("image/tiff") for t in types):
            return RASTER
        if any(is_features(t) for t in types):
            return FEATURES
        return FILE
    if "enum" in schema:
        return ENUM
    if schema.get("format") == "ogc-bbox":
        return EXTENT
    kind = schema.get("type")
    if kind == "array":
        return LIST
    if kind == "integer":
        return INTEGER
    if kind == "number":
        return NUMBER
    if kind == "boolean":
        return BOOLEAN
    return STRING


def output_kind(schema):
    """One of the output kinds above: features when the output's default (first) format is features."""
    types = media_types(schema)
    if not types:
        return LITERAL_OUT
    if is_features(types[0]):
        return VECTOR_OUT
    if any(t.lower().startswith("image/tiff") for t in types):
        return RASTER_OUT
    return FILE_OUT


def output_media_type(schema, kind):
    """The format asked for an output of that kind."""
    types = media_types(schema)
    if kind == VECTOR_OUT:
        return next((t for t in types if "json" in t.lower()), types[0])
    if kind == RASTER_OUT:
        return next(t for t in types if t.lower().startswith("image/tiff"))
    return types[0] if types else None


def list_value(schema, text):
    """A LIST input's comma-separated text as the array it is sent as, numbers where the items are numbers."""
    item = schema.get("items", {}).get("type")
    items = [part.strip() for part in str(text).split(",") if part.strip()]
    if item == "integer":
        return [int(part) for part in items]
    if item == "number":
        return [float(part) for part in items]
    return items


def extent_value(xmin, ymin, xmax, ymax, epsg=None):
    """An EXTENT input as OGC API's bounding box: in the EPSG code given, else WGS 84 longitude/latitude (CRS84)."""
    box = {"bbox": [xmin, ymin, xmax, ymax]}
    box["crs"] = ("http://www.opengis.net/def/crs/EPSG/0/{}".format(epsg) if epsg
                  else "http://www.opengis.net/def/crs/OGC/1.3/CRS84")
    return box


def takes_collection(schema):
    """Whether an image input also takes a STAC API collection (OGC API - Processes Part 3): it takes STAC items."""
    types = [t.lower() for t in media_types(schema)]
    return any(t.startswith("image/tiff") for t in types) and "application/geo+json" in types
