"""The support module of rgbunmix.pyt: one ArcGIS Pro tool per process of an OGC API - Processes server,
built from the process's description as the QGIS provider builds its algorithms (rgbunmix_client.schema):

| schema (rgbunmix_client.schema)          | ArcGIS parameter                                               |
|------------------------------------------|----------------------------------------------------------------|
| raster (GeoTIFF)                         | GPRasterLayer / DERasterDataset (exported to GeoTIFF when it is not one); several with maxOccurs > 1 |
| features (GeoJSON, GML)                  | GPFeatureLayer / DEFeatureClass, sent as GeoJSON in WGS 84     |
| another media type                       | DEFile                                                         |
| enum                                     | GPString with a value list                                     |
| integer / number with minimum, maximum   | GPLong / GPDouble with a range                                 |
| boolean / string                         | GPBoolean / GPString                                           |
| a bounding box                           | GPExtent, sent in its spatial reference's EPSG code            |
| an array of literals                     | GPString of comma-separated items, sent as an array            |
| output: features                         | DEFeatureClass (JSON To Features), symbolised by dominant class from the job's legend, and a CSV table |
| output: GeoTIFF / another file           | DERasterDataset / DEFile                                       |
| output: literal                          | a derived GPString                                             |
| a GeoTIFF that may be a STAC item        | also GPStrings of a STAC API collection and its dates, sent as a collection input |
| outputs with features                    | a derived GPString of the job's OGC API - Features collection, added to the map as a layer when asked |

The server's URL and token are parameters of every tool; the last ones used are remembered (in
%APPDATA%/rgbunmix/arcgis.json, or RGBUNMIX_ARCGIS_SETTINGS) and are the next defaults.
"""
import csv
import json
import os
import shutil
import tempfile

from rgbunmix_client import (ApiError, Cancelled, Client, JobFailed, collection_input, file_input,
                             reference_input)
from rgbunmix_client import schema as kinds

DEFAULT_URL = "http://127.0.0.1:8080"
POLL_SECONDS = 1.0
SERVER_URL = "server_url"
TOKEN = "token"
TABLE_SUFFIX = "_table"
SERVER_LAYER = "server_layer"
COLLECTION = "collection"
_INPUT_TYPES = {kinds.RASTER: ["GPRasterLayer", "DERasterDataset"], kinds.FEATURES: ["GPFeatureLayer", "DEFeatureClass"],
                kinds.FILE: "DEFile", kinds.ENUM: "GPString", kinds.INTEGER: "GPLong", kinds.NUMBER: "GPDouble",
                kinds.BOOLEAN: "GPBoolean", kinds.STRING: "GPString", kinds.EXTENT: "GPExtent", kinds.LIST: "GPString"}
_OUTPUT_TYPES = {kinds.VECTOR_OUT: "DEFeatureClass", kinds.RASTER_OUT: "DERasterDataset", kinds.FILE_OUT: "DEFile",
                 kinds.LITERAL_OUT: "GPString"}


def settings_file():
    folder = os.environ.get("APPDATA") or os.path.expanduser("~")
    return os.environ.get("RGBUNMIX_ARCGIS_SETTINGS") or os.path.join(folder, "rgbunmix", "arcgis.json")


def remembered():
    """The server URL and token last used: {"url": ..., "token": ...}."""
    try:
        with open(settings_file(), encoding="utf-8") as f:
            saved = json.load(f)
        return {"url": saved.get("url") or DEFAULT_URL, "token": saved.get("token") or ""}
    except (OSError, ValueError):
        return {"url": DEFAULT_URL, "token": ""}


def remember(url, token):
    path = settings_file()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"url": url, "token": token or ""}, f)
    try:
        os.chmod(path, 0o600)   # it may hold a token
    except OSError:
        pass


def tools(arcpy):
    """The tool classes of the remembered server's processes; a single 'connect' tool when it cannot be read."""
    saved = remembered()
    client = Client(saved["url"], saved["token"], timeout=15)
    try:
        descriptions = [client.process(summary["id"]) for summary in client.processes()]
    except ApiError as e:
        return [_connect_tool(arcpy, saved, str(e))]
    return [_tool_class(arcpy, description) for description in descriptions]


def class_name(process_id):
    """A process id as a Python class name: estimate-abundances -> EstimateAbundances."""
    return "".join(part.capitalize() for part in process_id.replace("_", "-").split("-") if part)


def _tool_class(arcpy, description):
    return type(class_name(description["id"]), (ServerTool,), {"arcpy": arcpy, "process": description})


def _connect_tool(arcpy, saved, reason):
    return type("ConnectToServer", (ConnectTool,), {"arcpy": arcpy, "saved": saved, "reason": reason})


def _server_parameters(arcpy):
    saved = remembered()
    url = arcpy.Parameter(displayName="Server URL", name=SERVER_URL, datatype="GPString", parameterType="Required",
                          direction="Input", category="Server")
    url.value = saved["url"]
    token = arcpy.Parameter(displayName="Bearer token", name=TOKEN, datatype="GPStringHidden",
                            parameterType="Optional", direction="Input", category="Server")
    token.value = saved["token"] or None
    return [url, token]


class ConnectTool(object):
    """Shown when the server cannot be read: sets its URL and token; the toolbox then lists its processes."""
    arcpy = None
    saved = None
    reason = ""

    def __init__(self):
        self.label = "Connect to an rgbunmix server"
        self.description = "The server {} cannot be read ({}). Give its URL and token, run this tool, then refresh " \
                           "the toolbox.".format(self.saved["url"], self.reason)
        self.canRunInBackground = False

    def getParameterInfo(self):  # noqa: N802 (ArcGIS's names)
        return _server_parameters(self.arcpy)

    def isLicensed(self):  # noqa: N802
        return True

    def updateParameters(self, parameters):  # noqa: N802
        return

    def updateMessages(self, parameters):  # noqa: N802
        return

    def execute(self, parameters, messages):
        url, token = parameters[0].valueAsText, parameters[1].valueAsText or ""
        try:
            count = len(Client(url, token, timeout=15).processes())
        except ApiError as e:
            messages.addErrorMessage(str(e))
            raise self.arcpy.ExecuteError(str(e))
        remember(url, token)
        messages.addMessage("{} offers {} processes; refresh the toolbox to see them".format(url, count))


class ServerTool(object):
    """One process of the server as an ArcGIS Pro tool. Subclasses set ``arcpy`` and ``process`` (its description)."""
    arcpy = None
    process = None

    def __init__(self):
        self.label = self.process.get("title") or self.process["id"]
        self.description = self.process.get("description", "")
        self.canRunInBackground = False

    def isLicensed(self):  # noqa: N802
        return True

    # parameters

    def getParameterInfo(self):  # noqa: N802
        arcpy = self.arcpy
        parameters = []
        for name, spec in self.process.get("inputs", {}).items():
            schema = spec.get("schema", {})
            kind = kinds.input_kind(schema)
            # an image input that a collection may give instead is checked by the server, which names what is missing
            required = spec.get("minOccurs", 1) > 0 and not kinds.takes_collection(schema)
            parameter = arcpy.Parameter(displayName=spec.get("title") or name, name=name, datatype=_INPUT_TYPES[kind],
                                        parameterType="Required" if required else "Optional",
                                        direction="Input", multiValue=kind == kinds.RASTER and spec.get("maxOccurs", 1) != 1)
            if kind == kinds.ENUM:
                parameter.filter.type = "ValueList"
                parameter.filter.list = [str(v) for v in schema["enum"]]
            elif kind in (kinds.INTEGER, kinds.NUMBER) and "minimum" in schema and "maximum" in schema:
                parameter.filter.type = "Range"
                parameter.filter.list = [schema["minimum"], schema["maximum"]]
            if "default" in schema and kind not in (kinds.RASTER, kinds.FEATURES, kinds.FILE):
                parameter.value = schema["default"]
            parameters.append(parameter)
            if kinds.takes_collection(schema):
                # instead of rasters: a STAC API collection, searched over the run's area and these dates
                title = spec.get("title") or name
                parameters.append(arcpy.Parameter(displayName=title + ": or a STAC API collection URL",
                                                  name=name + kinds.COLLECTION_SUFFIX, datatype="GPString",
                                                  parameterType="Optional", direction="Input"))
                parameters.append(arcpy.Parameter(displayName=title + ": the collection's dates (start/end)",
                                                  name=name + kinds.DATETIME_SUFFIX, datatype="GPString",
                                                  parameterType="Optional", direction="Input"))
        for name, spec in self.process.get("outputs", {}).items():
            kind = kinds.output_kind(spec.get("schema", {}))
            derived = kind == kinds.LITERAL_OUT
            parameters.append(arcpy.Parameter(displayName=spec.get("title") or name, name=name,
                                              datatype=_OUTPUT_TYPES[kind],
                                              parameterType="Derived" if derived else "Optional", direction="Output"))
            if kind == kinds.VECTOR_OUT and "text/csv" in kinds.media_types(spec.get("schema", {})):
                parameters.append(arcpy.Parameter(displayName=(spec.get("title") or name) + " (CSV table)",
                                                  name=name + TABLE_SUFFIX, datatype="DEFile", parameterType="Optional",
                                                  direction="Output"))
        if self._gives_features():
            parameters.append(arcpy.Parameter(displayName="Also add the windows as a layer the server serves (OGC API - "
                                              "Features; stays there)", name=SERVER_LAYER, datatype="GPBoolean",
                                              parameterType="Optional", direction="Input"))
            parameters.append(arcpy.Parameter(displayName="The results' OGC API - Features collection", name=COLLECTION,
                                              datatype="GPString", parameterType="Derived", direction="Output"))
        return parameters + _server_parameters(arcpy)

    def _gives_features(self):
        return any(kinds.output_kind(spec.get("schema", {})) == kinds.VECTOR_OUT
                   for spec in self.process.get("outputs", {}).values())

    def updateParameters(self, parameters):  # noqa: N802
        """Fills the server from the remembered one when the user emptied it."""
        by_name = {p.name: p for p in parameters}
        if not by_name[SERVER_URL].valueAsText:
            by_name[SERVER_URL].value = remembered()["url"]

    def updateMessages(self, parameters):  # noqa: N802
        """Ranges and the server URL, in words; a raster that will be exported first is said so."""
        by_name = {p.name: p for p in parameters}
        url = by_name[SERVER_URL].valueAsText or ""
        if not url.startswith(("http://", "https://")):
            by_name[SERVER_URL].setErrorMessage("the server URL must start with http:// or https://")
        for name, spec in self.process.get("inputs", {}).items():
            schema = spec.get("schema", {})
            parameter = by_name[name]
            kind = kinds.input_kind(schema)
            if kind in (kinds.INTEGER, kinds.NUMBER) and parameter.value is not None and "minimum" in schema:
                if not schema["minimum"] <= float(parameter.value) <= schema.get("maximum", float("inf")):
                    parameter.setErrorMessage("{} must be from {} to {}".format(
                        spec.get("title") or name, schema["minimum"], schema.get("maximum")))
            if kind == kinds.RASTER and parameter.valueAsText:
                exported = [v for v in _values(parameter) if not self._sent_as_is(v)]
                if exported:
                    parameter.setWarningMessage("not GeoTIFF files, exported to GeoTIFF to send: " + ", ".join(exported))

    # execution

    def execute(self, parameters, messages):
        arcpy = self.arcpy
        by_name = {p.name: p for p in parameters}
        url, token = by_name[SERVER_URL].valueAsText, by_name[TOKEN].valueAsText or ""
        remember(url, token)
        client = Client(url, token)
        work = tempfile.mkdtemp(prefix="rgbunmix-")
        try:
            inputs = self._inputs(by_name, work, messages)
            outputs = self._wanted(by_name)
            try:
                job = client.submit(self.process["id"], inputs, outputs)
            except ApiError as e:
                self._fail(messages, "{} refused the request: {}".format(url, e))
            messages.addMessage("job {} at {}/jobs/{}".format(job.id, client.url, job.id))
            arcpy.SetProgressor("step", "{} on {}".format(self.label, client.url), 0, 100, 1)

            def progress(percent, message):
                arcpy.SetProgressorPosition(int(percent))
                if message:
                    arcpy.SetProgressorLabel(message)
                    messages.addMessage(message)
            try:
                job.wait(progress=progress, cancelled=lambda: bool(arcpy.env.isCancelled), interval=POLL_SECONDS)
            except Cancelled as e:
                messages.addWarningMessage(str(e))
                return
            except (JobFailed, ApiError) as e:
                self._fail(messages, str(e))
            finally:
                arcpy.ResetProgressor()
            self._outputs(job, by_name, work, messages)
            if self._gives_features():
                self._collection(job, by_name, messages)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _collection(self, job, by_name, messages):
        """The job's OGC API - Features collection; added to the active map as a layer the server serves, if asked."""
        url = job.collection_url()
        by_name[COLLECTION].value = url
        if not by_name[SERVER_LAYER].value:
            return
        try:
            self.arcpy.mp.ArcGISProject("CURRENT").activeMap.addDataFromPath(url)
            messages.addMessage("job {}'s windows added as a layer from {}".format(job.id, url))
        except Exception as e:  # noqa: BLE001 (arcpy raises its own kinds; outside a project there is no map)
            messages.addWarningMessage("the server's collection {} could not be added ({}); add it with Add Data > "
                                       "Data From Path".format(url, e))

    def _fail(self, messages, text):
        messages.addErrorMessage(text)
        raise self.arcpy.ExecuteError(text)

    def _sent_as_is(self, value):
        path = self._path(value)
        return path.lower().startswith(("http://", "https://")) or path.lower().endswith((".tif", ".tiff"))

    def _path(self, value):
        """A layer's or dataset's file, as arcpy describes it."""
        if value.lower().startswith(("http://", "https://")):
            return value
        try:
            return self.arcpy.Describe(value).catalogPath
        except Exception:  # noqa: BLE001 (arcpy raises its own kinds): the value is then a path already
            return value

    def _raster(self, value, work, messages):
        path = self._path(value)
        if path.lower().startswith(("http://", "https://")):
            return reference_input(path, "image/tiff")
        if not path.lower().endswith((".tif", ".tiff")):
            exported = os.path.join(work, "raster-{}.tif".format(len(os.listdir(work))))
            self.arcpy.management.CopyRaster(value, exported, format="TIFF")
            messages.addMessage("{} exported to GeoTIFF to send it".format(value))
            path = exported
        return file_input(path, "image/tiff")

    def _inputs(self, by_name, work, messages):
        inputs = {}
        for name, spec in self.process.get("inputs", {}).items():
            parameter = by_name[name]
            schema = spec.get("schema", {})
            kind = kinds.input_kind(schema)
            collection = by_name[name + kinds.COLLECTION_SUFFIX] if kinds.takes_collection(schema) else None
            if collection is not None and collection.valueAsText:
                inputs[name] = collection_input(collection.valueAsText,
                                                by_name[name + kinds.DATETIME_SUFFIX].valueAsText or None)
                continue
            if parameter.value is None or parameter.valueAsText == "":
                continue
            if kind == kinds.RASTER:
                values = [self._raster(v, work, messages) for v in _values(parameter)]
                inputs[name] = values if parameter.multiValue and len(values) > 1 else values[0]
            elif kind == kinds.FEATURES:
                geojson = os.path.join(work, name + ".geojson")
                # RFC 7946: longitude/latitude on WGS 84, whatever the layer's coordinate system
                self.arcpy.conversion.FeaturesToJSON(parameter.valueAsText, geojson, geoJSON="GEOJSON",
                                                     outputToWGS84="WGS84")
                inputs[name] = file_input(geojson, next(t for t in kinds.media_types(schema) if "json" in t.lower()))
            elif kind == kinds.FILE:
                inputs[name] = file_input(parameter.valueAsText, kinds.media_types(schema)[0])
            elif kind == kinds.INTEGER:
                inputs[name] = int(parameter.value)
            elif kind == kinds.NUMBER:
                inputs[name] = float(parameter.value)
            elif kind == kinds.BOOLEAN:
                inputs[name] = bool(parameter.value)
            elif kind == kinds.EXTENT:
                extent = parameter.value
                reference = getattr(extent, "spatialReference", None)
                inputs[name] = kinds.extent_value(extent.XMin, extent.YMin, extent.XMax, extent.YMax,
                                                  getattr(reference, "factoryCode", None) or None)
            elif kind == kinds.LIST:
                inputs[name] = kinds.list_value(schema, parameter.valueAsText)
            else:
                inputs[name] = parameter.valueAsText
        return inputs

    def _wanted(self, by_name):
        """The outputs asked for, each in the format its parameter takes; literals always."""
        outputs = {}
        for name, spec in self.process.get("outputs", {}).items():
            schema = spec.get("schema", {})
            kind = kinds.output_kind(schema)
            table = by_name.get(name + TABLE_SUFFIX)
            if kind == kinds.LITERAL_OUT:
                outputs[name] = {}
            elif by_name[name].valueAsText or (table is not None and table.valueAsText):
                outputs[name] = {"format": {"mediaType": kinds.output_media_type(schema, kind)}}
        return outputs

    def _outputs(self, job, by_name, work, messages):
        arcpy = self.arcpy
        document = None
        for name, spec in self.process.get("outputs", {}).items():
            kind = kinds.output_kind(spec.get("schema", {}))
            parameter = by_name[name]
            if kind == kinds.LITERAL_OUT:
                document = document or job.results()
                value = document.get(name)
                parameter.value = str(value.get("value") if isinstance(value, dict) else value)
                continue
            table = by_name.get(name + TABLE_SUFFIX)
            if not parameter.valueAsText and not (table is not None and table.valueAsText):
                continue
            if kind == kinds.VECTOR_OUT:
                geojson = job.download(name, os.path.join(work, name + ".geojson"))
                if parameter.valueAsText:
                    arcpy.conversion.JSONToFeatures(geojson, parameter.valueAsText, geometry_type="POLYGON")
                    legend = job.legend()
                    if legend:
                        # ArcGIS applies it after the tool ends: the file outlives the work folder
                        lyrx = os.path.join(tempfile.mkdtemp(prefix="rgbunmix-lyrx-"), name + ".lyrx")
                        parameter.symbology = write_lyrx(legend, lyrx,
                                                         os.path.splitext(os.path.basename(parameter.valueAsText))[0])
                if table is not None and table.valueAsText:
                    write_table(geojson, table.valueAsText)
            elif kind == kinds.RASTER_OUT:
                target = parameter.valueAsText
                if target.lower().endswith((".tif", ".tiff")):
                    job.download(name, target)
                else:   # a geodatabase raster or another format: through GeoTIFF
                    arcpy.management.CopyRaster(job.download(name, os.path.join(work, name + ".tif")), target)
            else:
                job.download(name, parameter.valueAsText)
            messages.addMessage("{}: {}".format(name, parameter.valueAsText or table.valueAsText))


def _values(parameter):
    """A parameter's values: several for a multivalue one (ArcGIS joins them with ';')."""
    text = parameter.valueAsText or ""
    return [v.strip("'\"") for v in text.split(";") if v] if parameter.multiValue else [text]


def write_table(geojson, path):
    """The windows' attributes as a CSV table, one row per window, in the GeoJSON's order of attributes."""
    with open(geojson, encoding="utf-8") as f:
        features = json.load(f)["features"]
    columns = []
    for feature in features:
        columns.extend(k for k in feature["properties"] if k not in columns)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for feature in features:
            writer.writerow(feature["properties"])
    return path


def _rgb(colour):
    colour = colour.lstrip("#")
    return [int(colour[i:i + 2], 16) for i in (0, 2, 4)]


def write_lyrx(legend, path, layer_name):
    """A layer file (.lyrx, ArcGIS Pro's CIM JSON) of the windows by dominant class, in the legend's colours
    (a change's by its dominant class after)."""
    change = legend.get("kind") == "change"
    classes = []
    for entry in legend.get("classes", []):
        classes.append({
            "type": "CIMUniqueValueClass",
            "label": entry["name"],
            "values": [{"type": "CIMUniqueValue", "fieldValues": [entry["key"]]}],
            "symbol": {"type": "CIMSymbolReference", "symbol": {"type": "CIMPolygonSymbol", "symbolLayers": [
                {"type": "CIMSolidStroke", "enable": True, "width": 0.4,
                 "color": {"type": "CIMRGBColor", "values": [34, 34, 34, 100]}},
                {"type": "CIMSolidFill", "enable": True,
                 "color": {"type": "CIMRGBColor", "values": _rgb(entry["colour"]) + [75]}}]}},
        })
    document = {
        "type": "CIMLayerDocument",
        "version": "2.9.0",
        "layers": ["CIMPATH=rgbunmix/{}.xml".format(layer_name)],
        "layerDefinitions": [{
            "type": "CIMFeatureLayer",
            "name": layer_name,
            "uRI": "CIMPATH=rgbunmix/{}.xml".format(layer_name),
            "renderer": {"type": "CIMUniqueValueRenderer", "fields": ["dominant_after" if change else "dominant_class"],
                         "groups": [{"type": "CIMUniqueValueGroup", "classes": classes,
                                     "heading": "Dominant class after" if change else "Dominant class"}],
                         "useDefaultSymbol": False},
        }],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
    return path
