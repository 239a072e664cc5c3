"""One server process as a Processing algorithm: parameters from its description (rgbunmix_client.schema), a run
as an asynchronous job whose progress drives QGIS's, Cancel as a dismissal, results written to the
destinations and, when loaded into the project, styled."""
import base64
import os
import tempfile
import time

from qgis.core import (QgsJsonExporter, QgsProcessing, QgsProcessingAlgorithm, QgsProcessingContext,
                       QgsProcessingException, QgsProcessingLayerPostProcessorInterface,
                       QgsProcessingOutputNumber, QgsProcessingOutputString, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterExtent,
                       QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterRasterLayer,
                       QgsProcessingParameterString,
                       QgsProcessingParameterVectorDestination, QgsRasterFileWriter, QgsRasterPipe,
                       QgsVectorLayer)

from .rgbunmix_client import ApiError, collection_input
from .rgbunmix_client import schema as kinds
from .style import style_features, style_raster

POLL_SECONDS = 0.5
# a run whose process gives features: also add them as a layer the server serves (OGC API - Features), and say where
SERVER_LAYER = "serverLayer"
COLLECTION = "featuresCollection"


class _Styler(QgsProcessingLayerPostProcessorInterface):
    """Styles an output once QGIS has loaded it into the project."""

    def __init__(self, style, legend):
        super().__init__()
        self.style = style
        self.legend = legend

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        self.style(layer, self.legend)


class ServerAlgorithm(QgsProcessingAlgorithm):
    def __init__(self, client_factory, description):
        super().__init__()
        self._client_factory = client_factory
        self._description = description
        self._stylers = []   # kept alive until QGIS has called them

    # --- identity -----------------------------------------------------------------------------------
    def name(self):
        return self._description["id"]

    def displayName(self):  # noqa: N802
        return self._description.get("title") or self._description["id"]

    def shortHelpString(self):  # noqa: N802
        return self._description.get("description", "")

    def createInstance(self):  # noqa: N802
        return ServerAlgorithm(self._client_factory, self._description)

    # --- parameters ---------------------------------------------------------------------------------
    def initAlgorithm(self, config=None):  # noqa: N802
        for name, spec in self._description.get("inputs", {}).items():
            self.addParameter(self._parameter(name, spec))
            if kinds.takes_collection(spec.get("schema", {})):
                # instead of layers: a STAC API collection, searched over the run's area and these dates
                self.addParameter(QgsProcessingParameterString(
                    name + kinds.COLLECTION_SUFFIX, "{}: or a STAC API collection URL".format(spec.get("title") or name),
                    optional=True))
                self.addParameter(QgsProcessingParameterString(
                    name + kinds.DATETIME_SUFFIX, "{}: the collection's dates (start/end, RFC 3339)".format(
                        spec.get("title") or name), optional=True))
        for name, spec in self._description.get("outputs", {}).items():
            kind = kinds.output_kind(spec.get("schema", {}))
            label = spec.get("title") or name
            if kind == kinds.VECTOR_OUT:
                self.addParameter(QgsProcessingParameterVectorDestination(name, label, QgsProcessing.TypeVectorPolygon,
                                                                          QgsProcessing.TEMPORARY_OUTPUT))
            elif kind == kinds.RASTER_OUT:
                self.addParameter(QgsProcessingParameterRasterDestination(name, label, QgsProcessing.TEMPORARY_OUTPUT))
            elif kind == kinds.FILE_OUT:
                # a temporary file by default; optional: one the user unticks is not asked of the server
                extension = "csv" if "csv" in kinds.output_media_type(spec["schema"], kind) else "txt"
                self.addParameter(QgsProcessingParameterFileDestination(
                    name, label, fileFilter="{} files (*.{})".format(extension.upper(), extension),
                    defaultValue=QgsProcessing.TEMPORARY_OUTPUT, optional=True))
            elif spec.get("schema", {}).get("type") in ("integer", "number"):
                self.addOutput(QgsProcessingOutputNumber(name, label))
            else:
                self.addOutput(QgsProcessingOutputString(name, label))
        if self._gives_features():
            self.addParameter(QgsProcessingParameterBoolean(
                SERVER_LAYER, "Also add the windows as a layer the server serves (OGC API - Features; stays there)",
                defaultValue=False))
            self.addOutput(QgsProcessingOutputString(COLLECTION, "The results' OGC API - Features collection"))

    def _gives_features(self):
        return any(kinds.output_kind(spec.get("schema", {})) == kinds.VECTOR_OUT
                   for spec in self._description.get("outputs", {}).values())

    @staticmethod
    def _parameter(name, spec):
        schema = spec.get("schema", {})
        label = spec.get("title") or name
        # an image input that a collection may give instead is checked by the server, which names what is missing
        optional = spec.get("minOccurs", 1) == 0 or kinds.takes_collection(schema)
        kind = kinds.input_kind(schema)
        default = schema.get("default")
        if kind == kinds.RASTER and spec.get("maxOccurs", 1) != 1:
            # an input that takes several rasters (the dates of a composite): several layers, in order
            parameter = QgsProcessingParameterMultipleLayers(name, label, QgsProcessing.TypeRaster, optional=optional)
        elif kind == kinds.RASTER:
            parameter = QgsProcessingParameterRasterLayer(name, label, optional=optional)
        elif kind == kinds.FEATURES:
            parameter = QgsProcessingParameterFeatureSource(name, label, [QgsProcessing.TypeVector], optional=optional)
        elif kind == kinds.FILE:
            parameter = QgsProcessingParameterFile(name, label, optional=optional)
        elif kind == kinds.ENUM:
            options = [str(v) for v in schema["enum"]]
            index = options.index(str(default)) if default is not None and str(default) in options else None
            parameter = QgsProcessingParameterEnum(name, label, options, defaultValue=index, optional=optional)
        elif kind in (kinds.NUMBER, kinds.INTEGER):
            parameter = QgsProcessingParameterNumber(
                name, label, QgsProcessingParameterNumber.Integer if kind == kinds.INTEGER
                else QgsProcessingParameterNumber.Double, defaultValue=default, optional=optional)
            if "minimum" in schema:
                parameter.setMinimum(schema["minimum"])
            if "maximum" in schema:
                parameter.setMaximum(schema["maximum"])
        elif kind == kinds.BOOLEAN:
            parameter = QgsProcessingParameterBoolean(name, label, defaultValue=default, optional=optional)
        elif kind == kinds.EXTENT:
            parameter = QgsProcessingParameterExtent(name, label, optional=optional)
        else:
            parameter = QgsProcessingParameterString(name, label, defaultValue=default, optional=optional)
        parameter.setHelp(spec.get("description", ""))
        return parameter

    # --- a run --------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        client = self._client_factory()
        request = {"inputs": self._inputs(parameters, context, feedback), "outputs": {}}
        destinations = {}
        for name, spec in self._description.get("outputs", {}).items():
            kind = kinds.output_kind(spec.get("schema", {}))
            if kind == kinds.LITERAL_OUT:
                request["outputs"][name] = {}
                continue
            destination = (self.parameterAsOutputLayer(parameters, name, context) if kind != kinds.FILE_OUT
                           else self.parameterAsFileOutput(parameters, name, context))
            if not destination:
                continue   # an optional file output no one named
            request["outputs"][name] = {"format": {"mediaType": kinds.output_media_type(spec["schema"], kind)}}
            destinations[name] = (kind, destination)
        try:
            job = client.execute_async(self.name(), request)
        except ApiError as e:
            raise QgsProcessingException("{} refused the request: {}".format(client.url, e))
        feedback.pushInfo("job {} at {}/jobs/{}".format(job, client.url, job))
        self._follow(client, job, feedback)
        if feedback.isCanceled():
            return {}
        outputs = self._results(client, job, destinations, context)
        if self._gives_features():
            outputs[COLLECTION] = "{}/collections/{}".format(client.url, job)
            if self.parameterAsBool(parameters, SERVER_LAYER, context):
                self._server_layer(client, job, context, feedback)
        return outputs

    def _server_layer(self, client, job, context, feedback):
        """The job's windows as QGIS's own OGC API - Features layer, loaded into the project with the results."""
        name = "{} (server, job {})".format(self.displayName(), job[:8])
        layer = QgsVectorLayer("url='{}' typename='{}'".format(client.url, job), name, "OAPIF")
        if not layer.isValid():
            feedback.reportError("the server's collection of job {} could not be added: {}".format(
                job, layer.error().summary()))
            return
        # styled now, as the downloaded results are once loaded: it is this very layer that QGIS loads
        style_features(layer, client.legend(job))
        context.temporaryLayerStore().addMapLayer(layer)
        context.addLayerToLoadOnCompletion(layer.id(), QgsProcessingContext.LayerDetails(name, context.project(), name))
        feedback.pushInfo("job {}'s windows added as a layer from {}/collections/{}".format(job, client.url, job))

    def _follow(self, client, job, feedback):
        """Until the job ends: its progress and messages into QGIS's; Cancel dismisses it."""
        said = None
        while True:
            if feedback.isCanceled():
                try:
                    client.dismiss(job)
                    feedback.pushInfo("job {} dismissed".format(job))
                except ApiError as e:
                    feedback.reportError("could not dismiss job {}: {}".format(job, e))
                return
            try:
                info = client.status(job)
            except ApiError as e:
                raise QgsProcessingException("lost job {}: {}".format(job, e))
            feedback.setProgress(float(info.get("progress") or 0))
            message = info.get("message")
            if message and message != said:
                feedback.pushInfo(message)
                said = message
            status = info.get("status")
            if status == "successful":
                return
            if status in ("failed", "dismissed"):
                try:
                    client.results(job)   # a failed job's results answer its problem, in the server's words
                except ApiError as e:
                    raise QgsProcessingException("job {} {}: {}".format(job, status, e))
                raise QgsProcessingException("job {} {}: {}".format(job, status, message or ""))
            time.sleep(POLL_SECONDS)

    def _results(self, client, job, destinations, context):
        document = client.results(job)
        outputs = {}
        legend = None
        for name, spec in self._description.get("outputs", {}).items():
            if name not in destinations:
                value = document.get(name)
                outputs[name] = value.get("value") if isinstance(value, dict) else value
                continue
            kind, path = destinations[name]
            with open(path, "wb") as out:
                out.write(client.result(job, name))
            outputs[name] = path
            if kind in (kinds.VECTOR_OUT, kinds.RASTER_OUT) and context.willLoadLayerOnCompletion(path):
                legend = legend or client.legend(job)
                styler = _Styler(style_features if kind == kinds.VECTOR_OUT else style_raster, legend)
                self._stylers.append(styler)
                context.layerToLoadOnCompletionDetails(path).setPostProcessor(styler)
        return outputs

    def _inputs(self, parameters, context, feedback):
        inputs = {}
        for name, spec in self._description.get("inputs", {}).items():
            schema = spec.get("schema", {})
            kind = kinds.input_kind(schema)
            collection = (self.parameterAsString(parameters, name + kinds.COLLECTION_SUFFIX, context)
                          if kinds.takes_collection(schema) else "")
            if collection:
                inputs[name] = collection_input(collection, self.parameterAsString(
                    parameters, name + kinds.DATETIME_SUFFIX, context) or None)
                continue
            if parameters.get(name) is None or parameters.get(name) == "":
                continue
            if kind == kinds.RASTER and spec.get("maxOccurs", 1) != 1:
                layers = self.parameterAsLayerList(parameters, name, context)
                if layers:
                    values = [self._raster(layer, schema, feedback) for layer in layers]
                    inputs[name] = values[0] if len(values) == 1 else values
            elif kind == kinds.RASTER:
                layer = self.parameterAsRasterLayer(parameters, name, context)
                if layer is not None:
                    inputs[name] = self._raster(layer, schema, feedback)
            elif kind == kinds.FEATURES:
                source = self.parameterAsSource(parameters, name, context)
                if source is not None:
                    exporter = QgsJsonExporter()
                    # with a source CRS, the exporter writes RFC 7946 GeoJSON: longitude/latitude on WGS 84
                    exporter.setSourceCrs(source.sourceCrs())
                    exporter.setTransformGeometries(True)
                    exporter.setPrecision(15)
                    inputs[name] = {"value": exporter.exportFeatures(list(source.getFeatures())),
                                    "mediaType": next(t for t in kinds.media_types(schema) if "json" in t.lower())}
            elif kind == kinds.FILE:
                path = self.parameterAsFile(parameters, name, context)
                with open(path, "rb") as data:
                    inputs[name] = {"value": base64.b64encode(data.read()).decode("ascii"),
                                    "mediaType": kinds.media_types(schema)[0], "encoding": "base64"}
            elif kind == kinds.ENUM:
                inputs[name] = [str(v) for v in schema["enum"]][self.parameterAsEnum(parameters, name, context)]
            elif kind == kinds.INTEGER:
                inputs[name] = self.parameterAsInt(parameters, name, context)
            elif kind == kinds.NUMBER:
                inputs[name] = self.parameterAsDouble(parameters, name, context)
            elif kind == kinds.BOOLEAN:
                inputs[name] = self.parameterAsBool(parameters, name, context)
            elif kind == kinds.EXTENT:
                extent = self.parameterAsExtent(parameters, name, context)
                crs = self.parameterAsExtentCrs(parameters, name, context)
                epsg = crs.authid().split(":")[1] if crs.isValid() and crs.authid().startswith("EPSG:") else None
                inputs[name] = kinds.extent_value(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                                  extent.yMaximum(), epsg)
            elif kind == kinds.LIST:
                inputs[name] = kinds.list_value(schema, self.parameterAsString(parameters, name, context))
            else:
                inputs[name] = self.parameterAsString(parameters, name, context)
        return inputs

    @staticmethod
    def _raster(layer, schema, feedback):
        """A raster layer as the server takes it: its URL when it lies on http(s), else GeoTIFF bytes."""
        source = layer.source()
        url = source[len("/vsicurl/"):] if source.startswith("/vsicurl/") else source
        if url.startswith("http://") or url.startswith("https://"):
            return {"href": url, "type": "image/tiff"}
        path = source.split("|")[0]
        if not path.lower().endswith((".tif", ".tiff")):
            # not a GeoTIFF file (another format, a layer in memory): written as one first
            path = os.path.join(tempfile.mkdtemp(prefix="rgbunmix-"), "raster.tif")
            pipe = QgsRasterPipe()
            pipe.set(layer.dataProvider().clone())
            writer = QgsRasterFileWriter(path)
            writer.writeRaster(pipe, layer.width(), layer.height(), layer.extent(), layer.crs())
            feedback.pushInfo("{} written as GeoTIFF to send it".format(layer.name()))
        with open(path, "rb") as data:
            return {"value": base64.b64encode(data.read()).decode("ascii"), "mediaType": "image/tiff",
                    "encoding": "base64"}
