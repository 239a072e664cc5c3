"""rgbunmix-client against a real `rgbunmix serve` (started by the Java test PythonClientTest).

Environment: RGBUNMIX_URL (an open server), RGBUNMIX_GUARDED_URL and RGBUNMIX_TOKEN (a server with a
shared token), SCENE and SCENE_ANCILLARY (the sample scene), FAR_ANCILLARY (its features far from it),
CLI_GEOJSON (`rgbunmix run` on it, to compare with), OUT_DIR. The client is imported from PYTHONPATH: the test puts the built wheel's contents there.
"""
import json
import os
import time
import unittest

import rgbunmix_client
from rgbunmix_client import ApiError, Cancelled, Client, JobFailed, collection_input, file_input
from rgbunmix_client import schema

SERVER = os.environ["RGBUNMIX_URL"]
SCENE = os.environ["SCENE"]
SCENE_ANCILLARY = os.environ["SCENE_ANCILLARY"]
OUT = os.environ["OUT_DIR"]


N1 = ["agricultural_lands", "artificial", "terrestrial_wildlands", "wetlands_and_riverine_forests"]


def abundances(geojson):
    """Each window's class percentages and dominant class, by window id."""
    return {f["properties"]["window_id"]: {k: f["properties"][k] for k in N1 + ["dominant_class"]}
            for f in geojson["features"]}


class ClientTest(unittest.TestCase):
    def setUp(self):
        self.client = Client(SERVER)

    def test_it_is_the_built_wheel_that_runs(self):
        self.assertIn(os.environ["WHEEL_DIR"], rgbunmix_client.__file__)

    def test_processes_are_discovered_from_their_descriptions(self):
        ids = [p["id"] for p in self.client.processes()]
        self.assertIn("estimate-abundances", ids)
        description = self.client.process("estimate-abundances")
        self.assertEqual(schema.RASTER, schema.input_kind(description["inputs"]["raster"]["schema"]))
        self.assertEqual(schema.ENUM, schema.input_kind(description["inputs"]["level"]["schema"]))
        self.assertEqual(schema.VECTOR_OUT, schema.output_kind(description["outputs"]["result"]["schema"]))
        self.assertTrue(schema.takes_collection(description["inputs"]["raster"]["schema"]))
        self.assertFalse(schema.takes_collection(description["inputs"]["ancillary"]["schema"]))
        echo = self.client.process("echo")["inputs"]
        self.assertEqual((schema.EXTENT, schema.LIST, schema.FEATURES),
                         tuple(schema.input_kind(echo[n]["schema"]) for n in ("box", "numbers", "document")))
        self.assertEqual(schema.FILE_OUT, schema.output_kind(self.client.process("echo")["outputs"]["echoedDocument"]
                                                             ["schema"]), "its default format is text")

    def test_a_box_and_a_list_in_ogc_apis_forms_run(self):
        echo = self.client.process("echo")["inputs"]
        box = schema.extent_value(-4.8, 37.8, -4.7, 37.9, 25830)
        self.assertEqual({"bbox": [-4.8, 37.8, -4.7, 37.9], "crs": "http://www.opengis.net/def/crs/EPSG/0/25830"}, box)
        self.assertEqual("http://www.opengis.net/def/crs/OGC/1.3/CRS84", schema.extent_value(0, 0, 1, 1)["crs"])
        numbers = schema.list_value(echo["numbers"]["schema"], " 1, 2,3,")
        self.assertEqual([1, 2, 3], numbers)
        job = self.client.submit("echo", {"message": "hola", "box": box, "numbers": numbers}, {})
        self.assertEqual("successful", job.wait(timeout=60, interval=0.1)["status"])
        with self.assertRaises(ApiError) as refused:
            self.client.submit("echo", {"box": schema.extent_value(1, 0, 0, 1)}, {})
        self.assertIn("box", str(refused.exception))

    def test_the_sample_scene_as_a_job_gives_the_command_lines_numbers(self):
        told = []
        job = self.client.submit("estimate-abundances", {"raster": file_input(SCENE),
                                                         "ancillary": file_input(SCENE_ANCILLARY), "level": "N1"},
                                 {"result": {"format": {"mediaType": "application/geo+json"}}})
        status = job.wait(progress=lambda percent, message: told.append((percent, message)), timeout=300,
                          interval=0.2)
        self.assertEqual("successful", status["status"])
        self.assertTrue(told and told[-1][0] == 100, told)
        path = job.download("result", os.path.join(OUT, "client-abundances.geojson"))
        with open(path) as f:
            served = abundances(json.load(f))
        with open(os.environ["CLI_GEOJSON"]) as f:
            expected = abundances(json.load(f))
        self.assertEqual(100, len(expected))
        self.assertEqual(sorted(expected), sorted(served))
        for window, classes in expected.items():
            for name in N1:
                self.assertAlmostEqual(classes[name], served[window][name], delta=1e-6, msg="{} {}".format(window, name))
            self.assertEqual(classes["dominant_class"], served[window]["dominant_class"])
        self.assertEqual(N1, sorted(c["key"] for c in job.legend()["classes"]))

    def test_a_finished_jobs_windows_are_a_layer_and_the_job_list_filters(self):
        job = self.client.submit("estimate-abundances", {"raster": file_input(SCENE),
                                                         "ancillary": file_input(SCENE_ANCILLARY), "level": "N1"})
        job.wait(timeout=300, interval=0.2)
        items = list(job.items(page_size=7))
        self.assertEqual(100, len(items), "15 pages of 7")
        served = json.loads(job.result("result"))
        self.assertEqual(sorted(f["id"] for f in served["features"]), sorted(f["id"] for f in items))
        dominant = items[0]["properties"]["dominant_class"]
        same = list(job.items(dominant_class=dominant))
        self.assertEqual(sum(1 for f in items if f["properties"]["dominant_class"] == dominant), len(same))
        self.assertTrue(all(f["properties"]["dominant_class"] == dominant for f in same))
        self.assertEqual(self.client.url + "/collections/" + job.id, job.collection_url())
        self.assertEqual(job.id, self.client.json(job.collection_url())["id"])
        successful = [j["jobID"] for j in self.client.jobs(process_id="estimate-abundances", status=["successful"])]
        self.assertIn(job.id, successful)
        self.assertNotIn(job.id, [j["jobID"] for j in self.client.jobs(status=["failed", "dismissed"])])
        self.assertEqual([], self.client.jobs(process_id="echo", datetime="2020-01-01T00:00:00Z/2020-12-31T00:00:00Z"))
        self.assertEqual({"collection": "https://stac.example.org/v1/collections/sentinel-2-l2a",
                          "datetime": "2024-05-01/2024-09-30"},
                         collection_input("https://stac.example.org/v1/collections/sentinel-2-l2a", "2024-05-01/2024-09-30"))

    def test_a_synchronous_execution_answers_its_results_document(self):
        document = self.client.execute("echo", {"message": "hola"})
        self.assertEqual("hola", document["echo"] if not isinstance(document["echo"], dict)
                         else document["echo"]["value"])

    def test_a_refusal_raises_the_servers_words(self):
        with self.assertRaises(ApiError) as raised:
            self.client.submit("estimate-abundances", {"raster": file_input(SCENE), "ancillaryValues": "elevation=100"})
        self.assertEqual(400, raised.exception.status)
        self.assertIn("no value, raster or features for", str(raised.exception))

    def test_a_job_that_fails_while_running_raises_the_servers_words(self):
        # the scene's features, moved to the Gulf of Guinea
        job = self.client.submit("estimate-abundances", {"raster": file_input(SCENE),
                                                         "ancillary": file_input(os.environ["FAR_ANCILLARY"])})
        with self.assertRaises(JobFailed) as raised:
            job.wait(timeout=120, interval=0.2)
        self.assertEqual(job.id, raised.exception.job)
        self.assertIn("failed", str(raised.exception))
        self.assertIn("ancillary", str(raised.exception))

    def test_a_cancelled_wait_dismisses_the_job(self):
        job = self.client.submit("echo", {"message": "slow", "pause": 30})
        polls = []
        with self.assertRaises(Cancelled):
            job.wait(cancelled=lambda: polls.append(1) or len(polls) > 2, interval=0.1)
        with self.assertRaises(ApiError) as gone:
            job.status()
        self.assertEqual(404, gone.exception.status)

    def test_a_timeout_leaves_the_job_running(self):
        job = self.client.submit("echo", {"message": "slow", "pause": 30})
        started = time.monotonic()
        with self.assertRaises(TimeoutError):
            job.wait(timeout=0.5, interval=0.1)
        self.assertLess(time.monotonic() - started, 10)
        self.assertIn(job.status()["status"], ("accepted", "running"))
        job.dismiss()

    def test_a_bearer_token_is_sent(self):
        guarded = os.environ["RGBUNMIX_GUARDED_URL"]
        with self.assertRaises(ApiError) as refused:
            Client(guarded).execute("echo", {"message": "x"})
        self.assertEqual(401, refused.exception.status)
        self.assertIn("bearer token", str(refused.exception))
        document = Client(guarded, token=os.environ["RGBUNMIX_TOKEN"]).execute("echo", {"message": "x"})
        self.assertIn("echo", document)

    def test_an_unreachable_server_is_said_so(self):
        with self.assertRaises(ApiError) as raised:
            Client("http://127.0.0.1:1", timeout=5).processes()
        self.assertIsNone(raised.exception.status)
        self.assertIn("cannot reach http://127.0.0.1:1", str(raised.exception))


if __name__ == "__main__":
    unittest.main(verbosity=2)
