"""Loads a job's collection with QGIS's own OGC API - Features provider (OAPIF), no plugin, and prints what it read.

Usage: qgis_oapif.py SERVER_URL COLLECTION_ID EXPECTED.geojson
Prints one line per feature: its window_id and dominant_class, then "OK" when they are the job's GeoJSON's.
"""
import json
import os
import sys

from qgis.core import QgsApplication, QgsVectorLayer

url, collection, expected_path = sys.argv[1:4]
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(f"url='{url}' typename='{collection}' pageSize='4'", "windows", "OAPIF")
if not layer.isValid():
    sys.exit("QGIS did not load the collection: " + layer.error().summary())
read = sorted((int(f["window_id"]), f["dominant_class"]) for f in layer.getFeatures())
with open(expected_path, encoding="utf-8") as f:
    expected = sorted((int(x["properties"]["window_id"]), x["properties"]["dominant_class"])
                      for x in json.load(f)["features"])
for window, dominant in read:
    print(window, dominant)
print("crs", layer.crs().authid(), "features", layer.featureCount())
print("OK" if read == expected else "DIFFERENT: expected %s" % expected, flush=True)
# QGIS's own exit can crash a headless process after the work is done: leave without it
os._exit(0)
