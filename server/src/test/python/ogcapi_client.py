"""Drive rgbunmix's OGC API - Processes as a Python user would and print what came back as JSON.

Discovery goes through OWSLib's owslib.ogcapi.processes (Debian's 0.27 has no execute); execution uses
plain HTTP from the standard library, following the standard's own examples.
Usage: /usr/bin/python3 ogcapi_client.py BASE_URL RASTER.tif ANCILLARY_VALUES
Run by io.rgbunmix.ogcapi.OgcApiInteropTest, which checks the values.
"""
import base64
import json
import sys
import time
import urllib.request

from owslib.ogcapi.processes import Processes

base, raster, ancillary = sys.argv[1:4]
report = {}

api = Processes(base)
report["conforms"] = api.conformance()["conformsTo"]
report["processes"] = sorted(p["id"] for p in api.processes()["processes"])
description = api.process("estimate-abundances")
report["level_schema"] = description["inputs"]["level"]["schema"]
report["stride_schema"] = description["inputs"]["stride"]["schema"]
report["openapi"] = api.api()["openapi"]


def post(path, body, prefer=None):
    headers = {"Content-Type": "application/json"}
    if prefer:
        headers["Prefer"] = prefer
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request) as response:
        return response.status, dict(response.headers), response.read()


def get(url):
    with urllib.request.urlopen(url) as response:
        return json.loads(response.read())


with open(raster, "rb") as f:
    tiff = base64.b64encode(f.read()).decode("ascii")
status, _, body = post("/processes/estimate-abundances/execution", {
    "inputs": {"raster": {"value": tiff, "mediaType": "image/tiff", "encoding": "base64"},
               "ancillaryValues": ancillary, "level": "N2"},
    "outputs": {"result": {"format": {"mediaType": "application/geo+json"}}}})
report["sync_status"] = status
report["sync_features"] = [f["properties"] for f in json.loads(body)["result"]["features"]]

status, headers, body = post("/processes/echo/execution", {"inputs": {"message": "hola desde Python", "pause": 1}},
                             prefer="respond-async")
report["async_status"] = status
location = headers.get("Location")
info = json.loads(body)
while info["status"] in ("accepted", "running"):
    time.sleep(0.3)
    info = get(location)
report["async_final"] = info["status"]
report["async_results"] = get(location + "/results")
print(json.dumps(report))
