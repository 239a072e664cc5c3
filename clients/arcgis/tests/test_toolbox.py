"""The ArcGIS Pro toolbox, driven as ArcGIS Pro drives a Python toolbox (getParameterInfo, updateParameters,
updateMessages, execute), under the stand-in arcpy of tests/standin, against a real `rgbunmix serve`
(started by the Java test ArcgisToolboxTest).

Environment: RGBUNMIX_URL, TOOLBOX_DIR (the unpacked toolbox zip), RGBUNMIX_ARCGIS_SETTINGS (where the
toolbox remembers its server), SCENE and SCENE_ANCILLARY, FAR_ANCILLARY (those features far from the scene), CLI_GEOJSON (`rgbunmix run` on the scene at N1),
OUT_DIR.
"""
import csv
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import types
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "standin"))
import arcpy  # noqa: E402 (the stand-in)

SERVER = os.environ["RGBUNMIX_URL"]
TOOLBOX = os.path.join(os.environ["TOOLBOX_DIR"], "rgbunmix", "rgbunmix.pyt")
SCENE = os.environ["SCENE"]
SCENE_ANCILLARY = os.environ["SCENE_ANCILLARY"]
OUT = os.environ["OUT_DIR"]
N1 = ["agricultural_lands", "artificial", "terrestrial_wildlands", "wetlands_and_riverine_forests"]


class Messages(object):
    """What ArcGIS Pro hands execute as ``messages``, recording them."""

    def __init__(self):
        self.infos, self.warnings, self.errors = [], [], []

    def addMessage(self, message):  # noqa: N802
        self.infos.append(message)

    def addWarningMessage(self, message):  # noqa: N802
        self.warnings.append(message)

    def addErrorMessage(self, message):  # noqa: N802
        self.errors.append(message)


def load_toolbox():
    """rgbunmix.pyt as ArcGIS Pro loads a Python toolbox: a module from the .pyt file."""
    loader = importlib.machinery.SourceFileLoader("rgbunmix_toolbox", TOOLBOX)
    spec = importlib.util.spec_from_loader("rgbunmix_toolbox", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def arcpy_extent(xmin, ymin, xmax, ymax, wkid):
    """What a GPExtent parameter's value is in ArcGIS Pro: an arcpy.Extent with its spatial reference."""
    return types.SimpleNamespace(XMin=xmin, YMin=ymin, XMax=xmax, YMax=ymax,
                                 spatialReference=types.SimpleNamespace(factoryCode=wkid))


def http_status(url):
    try:
        with urllib.request.urlopen(url) as answer:
            return answer.status
    except urllib.error.HTTPError as e:
        return e.code


class ToolboxTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.environ["RGBUNMIX_ARCGIS_SETTINGS"], "w") as f:
            json.dump({"url": SERVER, "token": ""}, f)   # as the connect tool would have left it
        cls.module = load_toolbox()
        cls.toolbox = cls.module.Toolbox()

    def setUp(self):
        arcpy.calls.clear()
        arcpy.env.isCancelled = False

    def tool(self, class_name):
        tool_class = next(t for t in self.toolbox.tools if t.__name__ == class_name)
        self.assertIs(tool_class, getattr(self.module, class_name), "ArcGIS finds the tool by its class name")
        tool = tool_class()
        parameters = tool.getParameterInfo()
        return tool, parameters, {p.name: p for p in parameters}

    def validate(self, tool, parameters):
        """What ArcGIS Pro does after each change a user makes in the dialog."""
        for parameter in parameters:
            parameter.clearMessage()
        tool.updateParameters(parameters)
        tool.updateMessages(parameters)
        return {p.name: p.message for p in parameters if p.severity == "error"}

    def test_the_tools_and_their_parameters_follow_the_descriptions(self):
        # a process added to the server is a tool from its description alone
        self.assertEqual(["Echo", "EstimateAbundances", "EstimateAbundancesBatch", "EstimateChange"],
                         sorted(t.__name__ for t in self.toolbox.tools))
        _, change, _ = self.tool("EstimateChange")
        self.assertEqual(["before", "beforeCollection", "beforeDatetime", "after"], [p.name for p in change][:4])
        self.assertTrue(change[0].multiValue and change[3].multiValue, "several dates per period")
        tool, parameters, by_name = self.tool("EstimateAbundances")
        description = json.load(urllib.request.urlopen(SERVER + "/processes/estimate-abundances"))
        self.assertEqual(description["title"], tool.label)
        inputs = [n for name in description["inputs"]
                  for n in ([name, name + "Collection", name + "Datetime"] if name == "raster" else [name])]
        self.assertEqual(inputs + ["result", "result_table", "abundanceRaster", "server_layer", "collection",
                                   "server_url", "token"], [p.name for p in parameters])
        self.assertEqual(["GPRasterLayer", "DERasterDataset"], by_name["raster"].datatype)
        self.assertTrue(by_name["raster"].multiValue, "several dates")
        self.assertEqual("Optional", by_name["raster"].parameterType, "or a STAC collection instead")
        self.assertEqual(("GPString", "Optional"), (by_name["rasterCollection"].datatype,
                                                    by_name["rasterCollection"].parameterType))
        self.assertEqual(("GPBoolean", "Derived"), (by_name["server_layer"].datatype, by_name["collection"].parameterType))
        self.assertEqual(["GPFeatureLayer", "DEFeatureClass"], by_name["ancillary"].datatype)
        self.assertEqual("Optional", by_name["ancillary"].parameterType)
        self.assertEqual(("ValueList", ["N1", "N2"]), (by_name["level"].filter.type, by_name["level"].filter.list))
        self.assertEqual(("GPLong", "Range", [1, 224], 224), (by_name["stride"].datatype, by_name["stride"].filter.type,
                                                              by_name["stride"].filter.list, by_name["stride"].value))
        self.assertEqual(("GPDouble", [0, 1]), (by_name["maxMaskedFraction"].datatype,
                                                 by_name["maxMaskedFraction"].filter.list))
        self.assertEqual(("DEFeatureClass", "Output"), (by_name["result"].datatype, by_name["result"].direction))
        self.assertEqual("DEFile", by_name["result_table"].datatype)
        self.assertEqual("DERasterDataset", by_name["abundanceRaster"].datatype)
        self.assertEqual((SERVER, "GPStringHidden"), (by_name["server_url"].value, by_name["token"].datatype))
        _, _, echo = self.tool("Echo")
        self.assertEqual("Derived", echo["echo"].parameterType)
        self.assertEqual(("GPExtent", "GPString", "DEFile"), (echo["box"].datatype, echo["numbers"].datatype,
                                                             echo["echoedDocument"].datatype))
        self.assertNotIn("server_layer", echo, "echo gives no features")

    def test_update_messages_say_what_is_wrong_before_a_run(self):
        tool, parameters, by_name = self.tool("EstimateAbundances")
        by_name["raster"].value = SCENE
        self.assertEqual({}, self.validate(tool, parameters))
        by_name["stride"].value = 0
        by_name["server_url"].value = "127.0.0.1:8080"
        errors = self.validate(tool, parameters)
        self.assertEqual("Window step must be from 1 to 224", errors["stride"])
        self.assertIn("must start with http://", errors["server_url"])
        by_name["server_url"].value = ""
        self.validate(tool, parameters)
        self.assertEqual(SERVER, by_name["server_url"].value, "an emptied server is the remembered one")

    def test_a_run_gives_the_command_lines_abundances_with_its_symbology_and_table(self):
        tool, parameters, by_name = self.tool("EstimateAbundances")
        # a raster that is not a GeoTIFF file (a VRT here): the toolbox exports it with arcpy first
        vrt = os.path.join(OUT, "scene.vrt")
        subprocess.run(["gdal_translate", "-q", "-of", "VRT", SCENE, vrt], check=True)
        by_name["raster"].value = [vrt]
        by_name["ancillary"].value = SCENE_ANCILLARY
        by_name["level"].value = "N1"
        by_name["result"].value = os.path.join(OUT, "arcgis-abundances.geojson")
        by_name["result_table"].value = os.path.join(OUT, "arcgis-abundances.csv")
        by_name["abundanceRaster"].value = os.path.join(OUT, "arcgis-abundances.tif")
        by_name["server_layer"].value = True
        self.assertEqual({}, self.validate(tool, parameters))
        self.assertIn("exported to GeoTIFF", by_name["raster"].message)
        messages = Messages()
        tool.execute(parameters, messages)
        self.assertEqual([], messages.errors)

        names = [c[0] for c in arcpy.calls]
        self.assertIn("management.CopyRaster", names)
        self.assertIn(("conversion.FeaturesToJSON", {"geoJSON": "GEOJSON", "outputToWGS84": "WGS84"}),
                      [(c[0], c[2]) for c in arcpy.calls if c[0] == "conversion.FeaturesToJSON"])
        self.assertIn("conversion.JSONToFeatures", names)
        job = next(m for m in messages.infos if m.startswith("job ")).split()[1]
        self.assertEqual(SERVER + "/collections/" + job, by_name["collection"].value)
        self.assertIn(("mp.Map.addDataFromPath", (SERVER + "/collections/" + job,)),
                      [(c[0], c[1]) for c in arcpy.calls], "the server's layer added to the active map")
        positions = [c[1][0] for c in arcpy.calls if c[0] == "SetProgressorPosition"]
        self.assertEqual(100, positions[-1], positions)
        self.assertEqual("ResetProgressor", names[-1 - names[::-1].index("ResetProgressor")])

        with open(by_name["result"].value) as f:
            mine = {w["properties"]["window_id"]: w["properties"] for w in json.load(f)["features"]}
        with open(os.environ["CLI_GEOJSON"]) as f:
            theirs = {w["properties"]["window_id"]: w["properties"] for w in json.load(f)["features"]}
        self.assertEqual(100, len(theirs))
        self.assertEqual(sorted(theirs), sorted(mine))
        for window, properties in theirs.items():
            for key in N1:
                self.assertAlmostEqual(properties[key], mine[window][key], delta=1e-6, msg="{} {}".format(window, key))
            self.assertEqual(properties["dominant_class"], mine[window]["dominant_class"])
        with open(by_name["result_table"].value, newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(100, len(rows))
        self.assertAlmostEqual(theirs[int(rows[0]["window_id"])]["artificial"], float(rows[0]["artificial"]), delta=1e-6)
        self.assertTrue(os.path.getsize(by_name["abundanceRaster"].value) > 0)

        with open(by_name["result"].symbology) as f:
            layer = json.load(f)
        renderer = layer["layerDefinitions"][0]["renderer"]
        self.assertEqual(["dominant_class"], renderer["fields"])
        self.assertEqual(sorted(N1), sorted(c["values"][0]["fieldValues"][0] for c in renderer["groups"][0]["classes"]))

    def test_a_changes_layer_file_is_by_the_dominant_class_after(self):
        helpers = sys.modules["rgbunmix_arcgis"]   # what the toolbox loaded beside it
        legend = {"kind": "change", "level": "N1", "classes": [{"key": k, "name": k, "colour": "#2166ac"} for k in N1]}
        with open(helpers.write_lyrx(legend, os.path.join(OUT, "change.lyrx"), "change")) as f:
            renderer = json.load(f)["layerDefinitions"][0]["renderer"]
        self.assertEqual(["dominant_after"], renderer["fields"])
        self.assertEqual("Dominant class after", renderer["groups"][0]["heading"])

    def test_a_refused_request_raises_the_servers_words(self):
        tool, parameters, by_name = self.tool("EstimateAbundances")
        by_name["raster"].value = [SCENE]
        by_name["ancillaryValues"].value = "elevation=100"
        by_name["result"].value = os.path.join(OUT, "refused.geojson")
        messages = Messages()
        with self.assertRaises(arcpy.ExecuteError):
            tool.execute(parameters, messages)
        self.assertIn("no value, raster or features for", " ".join(messages.errors))

    def test_a_job_that_fails_while_running_raises_the_servers_words(self):
        far = os.environ["FAR_ANCILLARY"]   # the scene's features, moved to the Gulf of Guinea
        tool, parameters, by_name = self.tool("EstimateAbundances")
        by_name["raster"].value = [SCENE]
        by_name["ancillary"].value = far
        by_name["result"].value = os.path.join(OUT, "failed.geojson")
        messages = Messages()
        with self.assertRaises(arcpy.ExecuteError):
            tool.execute(parameters, messages)
        self.assertTrue(any(m.startswith("job ") for m in messages.infos), "the job was accepted, then failed")
        self.assertIn("failed", " ".join(messages.errors))
        self.assertIn("ancillary", " ".join(messages.errors))

    def test_cancel_dismisses_the_job(self):
        tool, parameters, by_name = self.tool("Echo")
        by_name["message"].value = "slow"
        by_name["pause"].value = 30
        original = arcpy.SetProgressorPosition

        def cancel_on_progress(position=None):
            original(position)
            arcpy.env.isCancelled = True   # the user presses Cancel once the job runs
        arcpy.SetProgressorPosition = cancel_on_progress
        try:
            messages = Messages()
            tool.execute(parameters, messages)
        finally:
            arcpy.SetProgressorPosition = original
        job = next(m for m in messages.infos if m.startswith("job ")).split()[1]
        self.assertIn("dismissed", " ".join(messages.warnings))
        self.assertEqual(404, http_status(SERVER + "/jobs/" + job), "the server no longer has the job")

    def test_a_box_a_list_and_a_collection_are_sent_in_ogc_apis_forms(self):
        tool, parameters, by_name = self.tool("Echo")
        by_name["box"].value = arcpy_extent(-4.8, 37.8, -4.7, 37.9, 4326)
        by_name["numbers"].value = "1, 2,3"
        tool.execute(parameters, Messages())
        self.assertEqual("", by_name["echo"].value, "no message: the default")
        sent = tool._inputs(by_name, OUT, Messages())
        self.assertEqual({"bbox": [-4.8, 37.8, -4.7, 37.9], "crs": "http://www.opengis.net/def/crs/EPSG/0/4326"},
                         sent["box"])
        self.assertEqual([1, 2, 3], sent["numbers"])
        tool, parameters, by_name = self.tool("EstimateAbundances")
        by_name["rasterCollection"].value = "https://stac.example.org/api/collections/sentinel-2-l2a"
        by_name["rasterDatetime"].value = "2024-05-01/2024-09-30"
        sent = tool._inputs(by_name, OUT, Messages())
        self.assertEqual({"collection": "https://stac.example.org/api/collections/sentinel-2-l2a",
                          "datetime": "2024-05-01/2024-09-30"}, sent["raster"])
        with self.assertRaises(arcpy.ExecuteError) as refused:
            tool.execute(parameters, Messages())
        self.assertIn("raster", str(refused.exception), "the server refuses a collection it may not search")

    def test_a_literal_output_is_a_derived_value(self):
        tool, parameters, by_name = self.tool("Echo")
        by_name["message"].value = "hola"
        tool.execute(parameters, Messages())
        self.assertEqual("hola", by_name["echo"].value)
        self.assertEqual("4", by_name["length"].value)


if __name__ == "__main__":
    unittest.main(verbosity=2)
