# -*- coding: utf-8 -*-
"""rgbunmix for ArcGIS Pro: one geoprocessing tool per process of an rgbunmix (or any OGC API - Processes)
server, built from the server's process descriptions. Install: docs/arcgis.md. The tools' logic is in
rgbunmix_arcgis.py beside this file, the HTTP client in rgbunmix_client/ (vendored by package.py)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import arcpy  # noqa: E402 (after the path that finds the support module)
import rgbunmix_arcgis  # noqa: E402

_TOOLS = rgbunmix_arcgis.tools(arcpy)
# ArcGIS Pro finds a toolbox's tools by their class names in this module: the classes made from the
# descriptions are put here under theirs
globals().update({tool.__name__: tool for tool in _TOOLS})


class Toolbox(object):
    def __init__(self):
        self.label = "rgbunmix"
        self.alias = "rgbunmix"
        self.tools = list(_TOOLS)
