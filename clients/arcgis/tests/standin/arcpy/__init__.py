"""A STAND-IN for ArcGIS Pro's arcpy, for the toolbox's tests only; it is never shipped (clients/arcgis/package.py
takes the toolbox, its support module and the client, not tests/).

It implements only the documented calls the toolbox makes, with their documented names and keywords
(arcpy.Parameter, arcpy.env.isCancelled, SetProgressor*, ResetProgressor, Describe, ExecuteError,
conversion.FeaturesToJSON, conversion.JSONToFeatures, management.CopyRaster, mp.ArcGISProject("CURRENT").activeMap
.addDataFromPath), and records each call in
``calls``. Where ArcGIS converts data, the stand-in only copies: its "feature classes" are GeoJSON files, and
its rasters GeoTIFFs (GDAL's gdal_translate for another format).
"""
import os
import shutil
import subprocess
import types

calls = []


def _record(name, *args, **kwargs):
    calls.append((name, args, kwargs))


class ExecuteError(Exception):
    """arcpy.ExecuteError: a tool failed."""


class _Filter(object):
    def __init__(self):
        self.type = None
        self.list = []


class Parameter(object):
    """arcpy.Parameter, as a Python toolbox makes it in getParameterInfo."""

    def __init__(self, name=None, displayName=None, direction=None, datatype=None,  # noqa: N803 (arcpy's names)
                 parameterType=None, enabled=True, category=None, symbology=None, multiValue=False):
        self.name = name
        self.displayName = displayName
        self.direction = direction
        self.datatype = datatype
        self.parameterType = parameterType
        self.enabled = enabled
        self.category = category
        self.symbology = symbology
        self.multiValue = multiValue
        self.filter = _Filter()
        self.value = None
        self.altered = False
        self.hasBeenValidated = False
        self.message = ""
        self.severity = None

    @property
    def valueAsText(self):  # noqa: N802
        if self.value is None:
            return None
        if isinstance(self.value, (list, tuple)):
            return ";".join(str(v) for v in self.value)
        return str(self.value)

    def setErrorMessage(self, message):  # noqa: N802
        self.message, self.severity = message, "error"

    def setWarningMessage(self, message):  # noqa: N802
        self.message, self.severity = message, "warning"

    def clearMessage(self):  # noqa: N802
        self.message, self.severity = "", None

    def hasError(self):  # noqa: N802
        return self.severity == "error"


env = types.SimpleNamespace(isCancelled=False)


def SetProgressor(type, message="", min_range=0, max_range=100, step_value=1):  # noqa: N802, A002
    _record("SetProgressor", type, message, min_range, max_range, step_value)


def SetProgressorPosition(position=None):  # noqa: N802
    _record("SetProgressorPosition", position)


def SetProgressorLabel(label):  # noqa: N802
    _record("SetProgressorLabel", label)


def ResetProgressor():  # noqa: N802
    _record("ResetProgressor")


def Describe(value):  # noqa: N802
    _record("Describe", value)
    if not os.path.exists(value):
        raise OSError("Object: Error in accessing describe")   # arcpy's words for a missing dataset
    return types.SimpleNamespace(catalogPath=os.path.abspath(value))


def _features_to_json(in_features, out_json_file, format_json=None, include_z_values=None,  # noqa: ARG001
                      include_m_values=None, geoJSON=None, outputToWGS84=None, use_field_alias=None):  # noqa: N803
    _record("conversion.FeaturesToJSON", in_features, out_json_file, geoJSON=geoJSON, outputToWGS84=outputToWGS84)
    shutil.copyfile(in_features, out_json_file)


def _json_to_features(in_json_file, out_features, geometry_type=None):
    _record("conversion.JSONToFeatures", in_json_file, out_features, geometry_type=geometry_type)
    shutil.copyfile(in_json_file, out_features)


def _copy_raster(in_raster, out_rasterdataset, config_keyword=None, background_value=None,  # noqa: ARG001
                 nodata_value=None, onebit_to_eightbit=None, colormap_to_RGB=None, pixel_type=None,  # noqa: N803
                 scale_pixel_value=None, RGB_to_Colormap=None, format=None, transform=None,  # noqa: A002, N803
                 process_as_multidimensional=None, build_multidimensional_transpose=None):
    _record("management.CopyRaster", in_raster, out_rasterdataset, format=format)
    subprocess.run(["gdal_translate", "-q", "-of", "GTiff", in_raster, out_rasterdataset], check=True)


conversion = types.SimpleNamespace(FeaturesToJSON=_features_to_json, JSONToFeatures=_json_to_features)
management = types.SimpleNamespace(CopyRaster=_copy_raster)


class _Map(object):
    """arcpy.mp.Map: the stand-in only records what is added."""

    def addDataFromPath(self, data_path):  # noqa: N802 (arcpy's name)
        _record("mp.Map.addDataFromPath", data_path)
        return types.SimpleNamespace(name=os.path.basename(data_path))


class _Project(object):
    """arcpy.mp.ArcGISProject("CURRENT"), with its active map."""

    def __init__(self, aprx_path):
        _record("mp.ArcGISProject", aprx_path)
        self.activeMap = _Map()  # noqa: N815 (arcpy's name)


mp = types.SimpleNamespace(ArcGISProject=_Project)
