"""The plugin in Debian's QGIS, headless, against a running rgbunmix server.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis-plugin/tests/test_plugin.py SERVER_URL CLI_GEOJSON OUT_DIR

SERVER_URL: a server started by the caller (cli/src/test/java/io/rgbunmix/qgis/QgisPluginTest.java);
CLI_GEOJSON: `rgbunmix run`'s abundances.geojson of samples/scene.tif with samples/scene-ancillary.geojson and
the same models, to compare with; OUT_DIR: where outputs and screenshots go. The plugin is imported from
RGBUNMIX_PLUGINS (the folder the packaged zip was unpacked into), else from qgis-plugin/. FAR_ANCILLARY: the
scene's ancillary features moved far from it (a job that fails while running).
"""
import json
import os
import shutil
import sys
import unittest
import urllib.error
import urllib.request

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, "/usr/share/qgis/python/plugins")
sys.path.insert(0, os.environ.get("RGBUNMIX_PLUGINS") or os.path.dirname(HERE))

from qgis.core import (QgsApplication, QgsProcessing, QgsProcessingContext,  # noqa: E402
                       QgsProcessingFeedback, QgsProcessingParameterEnum, QgsProcessingParameterExtent,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterBoolean, QgsProcessingParameterMultipleLayers, QgsProject,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer,
                       QgsProcessingParameterString, QgsProcessingParameterVectorDestination,
                       QgsProcessingOutputNumber, QgsProcessingOutputString, QgsRasterLayer, QgsSettings,
                       QgsVectorLayer)

SERVER, CLI_GEOJSON, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
sys.argv[1:] = []
APP = QgsApplication([], False)
APP.initQgis()
from processing.core.Processing import Processing  # noqa: E402

Processing.initialize()
import processing  # noqa: E402
from rgbunmix.provider import LOG_TAG, SERVER_URL, RgbunmixProvider  # noqa: E402
from rgbunmix.style import DIVERGING, style_features, style_raster  # noqa: E402

# copies: QGIS leaves .aux.xml statistics beside the rasters it reads, which must not land in the repository
SCENE = shutil.copy(os.path.join(REPO, "samples", "scene.tif"), OUT)
SCENE_ANCILLARY = shutil.copy(os.path.join(REPO, "samples", "scene-ancillary.geojson"), OUT)


def add_provider(url):
    """A provider as QGIS loads it, with the server URL a user saved in Processing > Options."""
    QgsSettings().setValue("/Processing/Configuration/" + SERVER_URL, url)
    provider = RgbunmixProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return provider


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


class CancelOnceStarted(QgsProcessingFeedback):
    """Presses Cancel as soon as the job is announced."""

    def __init__(self):
        super().__init__()
        self.job = None

    def pushInfo(self, info):  # noqa: N802
        super().pushInfo(info)
        if info.startswith("job ") and self.job is None:
            self.job = info.split()[1]
            self.cancel()


class PluginTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.provider = add_provider(SERVER)

    @classmethod
    def tearDownClass(cls):
        QgsApplication.processingRegistry().removeProvider(cls.provider)

    def algorithm(self, name):
        algorithm = QgsApplication.processingRegistry().algorithmById(name)
        self.assertIsNotNone(algorithm, name + " among " + str([a.id() for a in self.provider.algorithms()]))
        return algorithm

    def test_the_provider_lists_the_servers_processes_with_the_right_parameter_types(self):
        ids = sorted(a.id() for a in self.provider.algorithms())
        self.assertIn("rgbunmix:estimate-abundances", ids)
        self.assertIn("rgbunmix:echo", ids)
        unmix = self.algorithm("rgbunmix:estimate-abundances")
        # several rasters are the dates of a composite: several raster layers, one mask per raster
        for name in ("raster", "mask"):
            self.assertIsInstance(unmix.parameterDefinition(name), QgsProcessingParameterMultipleLayers)
            self.assertEqual(QgsProcessing.TypeRaster, unmix.parameterDefinition(name).layerType())
        # optional: a STAC API collection may give the dates instead (the server names what is missing)
        self.assertTrue(unmix.parameterDefinition("raster").flags() & unmix.parameterDefinition("raster").FlagOptional)
        for name in ("rasterCollection", "rasterDatetime"):
            self.assertIsInstance(unmix.parameterDefinition(name), QgsProcessingParameterString)
        self.assertTrue(unmix.parameterDefinition("mask").flags() & unmix.parameterDefinition("mask").FlagOptional)
        masked = unmix.parameterDefinition("maxMaskedFraction")
        self.assertEqual((0, 1, 0.05), (masked.minimum(), masked.maximum(), masked.defaultValue()))
        self.assertIsInstance(unmix.parameterDefinition("maskClasses"), QgsProcessingParameterString)
        self.assertIsInstance(unmix.parameterDefinition("ancillary"), QgsProcessingParameterFeatureSource)
        self.assertIsInstance(unmix.parameterDefinition("dem"), QgsProcessingParameterRasterLayer)
        level = unmix.parameterDefinition("level")
        self.assertIsInstance(level, QgsProcessingParameterEnum)
        self.assertEqual(["N1", "N2"], level.options())
        self.assertEqual(0, level.defaultValue())
        stride = unmix.parameterDefinition("stride")
        self.assertIsInstance(stride, QgsProcessingParameterNumber)
        self.assertEqual(QgsProcessingParameterNumber.Integer, stride.dataType())
        self.assertEqual((1, 224, 224), (stride.minimum(), stride.maximum(), stride.defaultValue()))
        self.assertIsInstance(unmix.parameterDefinition("ancillaryValues"), QgsProcessingParameterString)
        self.assertTrue(unmix.parameterDefinition("ancillary").flags() & unmix.parameterDefinition("ancillary").FlagOptional)
        self.assertIsInstance(unmix.parameterDefinition("result"), QgsProcessingParameterVectorDestination)
        self.assertIsInstance(unmix.parameterDefinition("abundanceRaster"), QgsProcessingParameterRasterDestination)
        # a process added to the server is picked up from its description, with nothing in the plugin for it
        change = self.algorithm("rgbunmix:estimate-change")
        for name in ("before", "after"):
            self.assertIsInstance(change.parameterDefinition(name), QgsProcessingParameterMultipleLayers)
            self.assertIsInstance(change.parameterDefinition(name + "Collection"), QgsProcessingParameterString)
        significance = change.parameterDefinition("significance")
        self.assertEqual((QgsProcessingParameterNumber.Double, 0.1, 10, 2),
                         (significance.dataType(), significance.minimum(), significance.maximum(),
                          significance.defaultValue()))
        self.assertIsInstance(change.parameterDefinition("change"), QgsProcessingParameterVectorDestination)
        self.assertIsInstance(change.parameterDefinition("changeRaster"), QgsProcessingParameterRasterDestination)
        echo = self.algorithm("rgbunmix:echo")
        self.assertIsInstance(echo.parameterDefinition("message"), QgsProcessingParameterString)
        pause = echo.parameterDefinition("pause")
        self.assertEqual((QgsProcessingParameterNumber.Double, 0, 600), (pause.dataType(), pause.minimum(), pause.maximum()))
        self.assertIsInstance(echo.outputDefinition("echo"), QgsProcessingOutputString)
        self.assertIsInstance(echo.outputDefinition("length"), QgsProcessingOutputNumber)
        self.assertIsInstance(echo.parameterDefinition("box"), QgsProcessingParameterExtent)
        self.assertIsInstance(echo.parameterDefinition("numbers"), QgsProcessingParameterString)
        self.assertIsInstance(echo.parameterDefinition("document"), QgsProcessingParameterFeatureSource)
        self.assertIsInstance(echo.parameterDefinition("echoedDocument"), QgsProcessingParameterFileDestination)

    def test_an_extent_and_a_list_are_sent_in_ogc_apis_forms(self):
        echo = self.algorithm("rgbunmix:echo")
        context = QgsProcessingContext()
        sent = echo._inputs({"box": "-4.8,-4.7,37.8,37.9 [EPSG:4326]", "numbers": "1, 2,3"}, context,
                            QgsProcessingFeedback())
        self.assertEqual({"bbox": [-4.8, 37.8, -4.7, 37.9], "crs": "http://www.opengis.net/def/crs/EPSG/0/4326"},
                         sent["box"])
        self.assertEqual([1, 2, 3], sent["numbers"])
        outputs = processing.run("rgbunmix:echo", {"message": "hola", "box": "-4.8,-4.7,37.8,37.9 [EPSG:4326]",
                                                   "numbers": "1,2,3"})
        self.assertEqual(("hola", 4), (outputs["echo"], outputs["length"]))

    def test_a_run_gives_the_abundances_of_the_command_line(self):
        result = os.path.join(OUT, "plugin-result.geojson")
        raster = os.path.join(OUT, "plugin-abundances.tif")
        outputs = processing.run("rgbunmix:estimate-abundances", {
            "raster": SCENE, "ancillary": SCENE_ANCILLARY, "level": 0, "result": result, "abundanceRaster": raster})
        self.assertEqual(result, outputs["result"])
        with open(result) as f:
            mine = {feature["properties"]["window_id"]: feature["properties"] for feature in json.load(f)["features"]}
        with open(CLI_GEOJSON) as f:
            theirs = {feature["properties"]["window_id"]: feature["properties"] for feature in json.load(f)["features"]}
        self.assertEqual(100, len(theirs))
        self.assertEqual(sorted(theirs), sorted(mine))
        keys = ["artificial", "agricultural_lands", "terrestrial_wildlands", "wetlands_and_riverine_forests"]
        for window, properties in theirs.items():
            for key in keys:
                self.assertAlmostEqual(properties[key], mine[window][key], delta=1e-6, msg="window {} {}".format(window, key))
            self.assertEqual(properties["dominant_class"], mine[window]["dominant_class"])
        layer = QgsVectorLayer(result, "abundances", "ogr")
        self.assertTrue(layer.isValid())
        self.assertEqual(100, layer.featureCount())
        self.assertEqual("EPSG:4326", layer.crs().authid())
        tif = QgsRasterLayer(raster, "abundance raster")
        self.assertTrue(tif.isValid())
        self.assertEqual((4, 10, 10), (tif.bandCount(), tif.width(), tif.height()))

    def test_the_results_are_also_a_layer_the_server_serves(self):
        unmix = self.algorithm("rgbunmix:estimate-abundances")
        self.assertIsInstance(unmix.parameterDefinition("serverLayer"), QgsProcessingParameterBoolean)
        self.assertIsNone(self.algorithm("rgbunmix:echo").parameterDefinition("serverLayer"), "echo gives no features")
        loaded = len(QgsProject.instance().mapLayers())
        outputs = processing.runAndLoadResults("rgbunmix:estimate-abundances", {
            "raster": SCENE, "ancillary": SCENE_ANCILLARY, "level": 0, "serverLayer": True,
            "result": QgsProcessing.TEMPORARY_OUTPUT, "abundanceRaster": QgsProcessing.TEMPORARY_OUTPUT})
        collection = outputs["featuresCollection"]
        self.assertTrue(collection.startswith(SERVER + "/collections/"), collection)
        served = [layer for layer in QgsProject.instance().mapLayers().values() if layer.providerType() == "OAPIF"]
        self.assertEqual(1, len(served), [l.name() for l in QgsProject.instance().mapLayers().values()])
        self.assertEqual(100, served[0].featureCount())
        with open(CLI_GEOJSON) as f:
            theirs = sorted((f["properties"]["window_id"], f["properties"]["dominant_class"]) for f in json.load(f)["features"])
        self.assertEqual(theirs, sorted((int(f["window_id"]), f["dominant_class"]) for f in served[0].getFeatures()))
        self.assertEqual("categorizedSymbol", served[0].renderer().type(), "styled as the downloaded results are")
        self.assertGreater(len(QgsProject.instance().mapLayers()), loaded)

    def test_two_layers_are_two_dates_of_one_composite(self):
        # the same scene as two dates: their median is the scene, so the command line's numbers, from two dates
        second = shutil.copy(SCENE, os.path.join(OUT, "scene-20240611.tif"))
        result = os.path.join(OUT, "plugin-composite.geojson")
        processing.run("rgbunmix:estimate-abundances", {"raster": [SCENE, second], "ancillary": SCENE_ANCILLARY,
                                                        "level": 0, "result": result,
                                                        "abundanceRaster": "TEMPORARY_OUTPUT"})
        with open(result) as f:
            mine = {feature["properties"]["window_id"]: feature["properties"] for feature in json.load(f)["features"]}
        with open(CLI_GEOJSON) as f:
            theirs = {feature["properties"]["window_id"]: feature["properties"] for feature in json.load(f)["features"]}
        self.assertEqual(sorted(theirs), sorted(mine))
        for window, properties in theirs.items():
            self.assertAlmostEqual(properties["artificial"], mine[window]["artificial"], delta=1e-6)
            self.assertEqual(2, mine[window]["dates_used"], "window {}".format(window))

    def test_results_are_styled_by_dominant_class_in_the_servers_colours(self):
        result = os.path.join(OUT, "styled.geojson")
        feedback = QgsProcessingFeedback()
        processing.run("rgbunmix:estimate-abundances", {"raster": SCENE, "ancillary": SCENE_ANCILLARY, "result": result,
                                                        "abundanceRaster": os.path.join(OUT, "styled.tif")}, feedback=feedback)
        layer = QgsVectorLayer(result, "abundances", "ogr")
        job = [line for line in feedback.textLog().splitlines() if line.startswith("job ")][0].split()[1]
        legend = self.provider.client().legend(job)
        self.assertEqual(4, len(legend["classes"]))
        self.assertTrue(style_features(layer, legend))
        renderer = layer.renderer()
        self.assertEqual("categorizedSymbol", renderer.type())
        self.assertEqual("dominant_class", renderer.classAttribute())
        self.assertEqual([c["key"] for c in legend["classes"]], [c.value() for c in renderer.categories()])
        self.assertEqual([c["colour"] for c in legend["classes"]],
                         [c.symbol().color().name() for c in renderer.categories()])
        raster = QgsRasterLayer(os.path.join(OUT, "styled.tif"), "abundance raster")
        self.assertTrue(style_raster(raster, legend))
        self.assertEqual("singlebandpseudocolor", raster.renderer().type())
        render_map([QgsRasterLayer(SCENE, "scene"), layer], os.path.join(OUT, "qgis-result.png"))

    def test_a_changes_layers_are_styled_by_the_dominant_class_after_and_a_diverging_ramp(self):
        # the legend a change job answers (GET /jobs/{id}/legend), its kind saying what the features are
        keys = ["artificial", "agricultural_lands", "terrestrial_wildlands", "wetlands_and_riverine_forests"]
        legend = {"kind": "change", "level": "N1",
                  "classes": [{"key": k, "name": k, "colour": c} for k, c in zip(keys, DIVERGING[:4])]}
        path = os.path.join(OUT, "change.geojson")
        with open(path, "w") as f:
            json.dump({"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"window_id": i, "dominant_before": keys[0], "dominant_after": key},
                 "geometry": {"type": "Polygon", "coordinates": [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]]}}
                for i, key in enumerate(keys)]}, f)
        layer = QgsVectorLayer(path, "change", "ogr")
        self.assertTrue(style_features(layer, legend))
        self.assertEqual("dominant_after", layer.renderer().classAttribute())
        self.assertEqual(keys, [c.value() for c in layer.renderer().categories()])
        raster = QgsRasterLayer(SCENE, "a raster of changes")
        self.assertTrue(style_raster(raster, legend))
        shader = raster.renderer().shader().rasterShaderFunction()
        self.assertEqual((-100, 100), (shader.minimumValue(), shader.maximumValue()))
        self.assertEqual(["#b2182b", "#2166ac"], [shader.colorRampItemList()[i].color.name() for i in (0, -1)])

    def test_cancel_dismisses_the_job(self):
        feedback = CancelOnceStarted()
        try:
            processing.run("rgbunmix:echo", {"message": "slow", "pause": 30}, feedback=feedback)
        except Exception:  # noqa: BLE001 (QGIS may report a cancelled run as an error)
            pass
        self.assertIsNotNone(feedback.job)
        self.assertIn("job {} dismissed".format(feedback.job), feedback.textLog())
        self.assertEqual(404, http_status(SERVER + "/jobs/" + feedback.job), "the server no longer has the job")

    def test_a_failed_job_shows_the_servers_message(self):
        from qgis.core import QgsProcessingException
        with self.assertRaises(QgsProcessingException) as raised:
            processing.run("rgbunmix:estimate-abundances", {"raster": SCENE, "ancillaryValues": "elevation=100",
                                                            "result": "TEMPORARY_OUTPUT",
                                                            "abundanceRaster": "TEMPORARY_OUTPUT"})
        self.assertIn("no value, raster or features for", str(raised.exception))

    def test_a_job_that_fails_while_running_shows_the_servers_message(self):
        from qgis.core import QgsProcessingException
        far = os.environ["FAR_ANCILLARY"]   # the scene's features, moved to the Gulf of Guinea
        feedback = QgsProcessingFeedback()
        with self.assertRaises(QgsProcessingException) as raised:
            processing.run("rgbunmix:estimate-abundances", {"raster": SCENE, "ancillary": far, "result": "TEMPORARY_OUTPUT",
                                                            "abundanceRaster": "TEMPORARY_OUTPUT"}, feedback=feedback)
        self.assertIn("job ", feedback.textLog(), "the job was accepted, then failed")
        self.assertIn("failed", str(raised.exception))
        self.assertIn("ancillary", str(raised.exception))

    def test_an_algorithm_runs_inside_a_model(self):
        from qgis.core import (QgsProcessingContext, QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                               QgsProcessingModelChildParameterSource)
        model = QgsProcessingModelAlgorithm("echo twice", "tests")
        for step, message in (("first", "from a model"), ("second", "and again")):
            child = QgsProcessingModelChildAlgorithm("rgbunmix:echo")
            child.setChildId(step)
            child.addParameterSources("message", [QgsProcessingModelChildParameterSource.fromStaticValue(message)])
            child.addParameterSources("pause", [QgsProcessingModelChildParameterSource.fromStaticValue(0)])
            model.addChildAlgorithm(child)
        feedback = QgsProcessingFeedback()
        results, ok = model.run({}, QgsProcessingContext(), feedback)
        self.assertTrue(ok, feedback.textLog())
        self.assertEqual(2, feedback.textLog().count("job "), feedback.textLog())

    def test_the_dialog(self):
        from processing.gui.AlgorithmDialog import AlgorithmDialog
        dialog = AlgorithmDialog(self.algorithm("rgbunmix:estimate-abundances").create())
        dialog.resize(900, 760)
        dialog.show()
        APP.processEvents()
        self.assertTrue(dialog.grab().save(os.path.join(OUT, "qgis-dialog.png")))
        dialog.close()


class UnreachableServerTest(unittest.TestCase):
    def test_no_algorithms_and_one_line_in_the_log(self):
        lines = []

        def collect(message, tag, level):
            if tag == LOG_TAG:
                lines.append(message)
        QgsApplication.messageLog().messageReceived.connect(collect)
        provider = add_provider("http://127.0.0.1:9")
        APP.processEvents()
        QgsApplication.messageLog().messageReceived.disconnect(collect)
        algorithms = provider.algorithms()
        QgsApplication.processingRegistry().removeProvider(provider)
        self.assertEqual([], algorithms)
        self.assertEqual(1, len(lines), lines)
        self.assertIn("http://127.0.0.1:9", lines[0])


def render_map(layers, path):
    """The layers drawn into a PNG, as the map canvas would."""
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(layers[0].extent())
    settings.setOutputSize(QSize(800, 800))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage().save(path)


if __name__ == "__main__":
    outcome = unittest.main(exit=False, verbosity=2).result
    APP.exitQgis()
    sys.exit(0 if outcome.wasSuccessful() else 1)
