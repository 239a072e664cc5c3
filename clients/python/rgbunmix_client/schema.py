"""How a process's JSON Schemas map onto QGIS Processing parameters (the plugin's whole contract):

| schema                                   | QGIS                                             |
|------------------------------------------|--------------------------------------------------|
| a GeoTIFF (contentMediaType image/tiff)  | raster layer: base64, or href for an http(s) one |
| the same with maxOccurs above 1          | several raster layers (a composite's dates), sent as an array |
| GeoJSON / feature collections (JSON, GML)| feature source, sent as GeoJSON in EPSG:4326     |
| another media type (zip, csv, ...)       | file                                             |
| enum                                     | enum                                             |
| integer / number, minimum, maximum       | number                                           |
| boolean                                  | boolean                                          |
| string                                   | string                                           |
| outputs: GeoJSON / GeoTIFF / other       | vector / raster / file destination               |
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
    kind = schema.get("type")
    if kind == "integer":
        return INTEGER
    if kind == "number":
        return NUMBER
    if kind == "boolean":
        return BOOLEAN
    return STRING


def output_kind(schema):
    types = media_types(schema)
    if not types:
        return LITERAL_OUT
    if any(is_features(t) for t in types):
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
