"""Drive rgbunmix's WPS with OWSLib, as a Python user would, and print what came back as JSON.

Usage: /usr/bin/python3 owslib_wps_client.py WPS_URL RASTER.tif ANCILLARY_VALUES
Run by io.rgbunmix.wps.OwsLibInteropTest, which checks the values.
"""
import base64
import json
import sys
import urllib.request

from owslib.wps import ASYNC, SYNC, ComplexDataInput, WebProcessingService, monitorExecution

url, raster, ancillary = sys.argv[1:4]
report = {}

wps = WebProcessingService(url, version="1.0.0")
report["processes"] = sorted(p.identifier for p in wps.processes)

description = wps.describeprocess("unmix:EstimateAbundances")
inputs = {i.identifier: i for i in description.dataInputs}
report["level_allowed"] = sorted(inputs["level"].allowedValues)
report["level_default"] = inputs["level"].defaultValue
report["raster_formats"] = [v.mimeType for v in inputs["raster"].supportedValues]
report["outputs"] = sorted(o.identifier for o in description.processOutputs)

with open(raster, "rb") as f:
    tiff = base64.b64encode(f.read()).decode("ascii")
execution = wps.execute("unmix:EstimateAbundances",
                        [("raster", ComplexDataInput(tiff, mimeType="image/tiff", encoding="base64")),
                         ("ancillaryValues", ancillary), ("level", "N2")],
                        output=[("result", False, "application/json")], mode=SYNC)
report["sync_status"] = execution.status
geojson = json.loads(execution.processOutputs[0].data[0])
report["sync_features"] = [f["properties"] for f in geojson["features"]]

execution = wps.execute("unmix:Echo", [("message", "hola desde OWSLib"), ("pause", "1")],
                        output=[("echo", True, "text/plain"), ("length", False, None)], mode=ASYNC)
report["async_accepted"] = execution.status
report["async_status_location"] = execution.statusLocation
monitorExecution(execution, sleepSecs=1)
report["async_status"] = execution.status
for output in execution.processOutputs:
    report["async_" + output.identifier + "_by_reference"] = bool(output.reference)
    if output.reference:
        with urllib.request.urlopen(output.reference) as response:
            report["async_" + output.identifier] = response.read().decode("utf-8")
    else:
        report["async_" + output.identifier] = output.data[0] if output.data else None

print(json.dumps(report))
