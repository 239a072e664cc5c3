"""rgbunmix-client: run rgbunmix's processes, or those of any OGC API - Processes server, from Python.

    from rgbunmix_client import Client, file_input
    client = Client("http://127.0.0.1:8080", token=None)
    job = client.submit("estimate-abundances", {"raster": file_input("scene.tif"), "level": "N2"})
    job.wait(progress=lambda percent, message: print(percent, message))
    job.download("result", "abundances.geojson")

Standard library only (Python 3.9 and later), shared by the QGIS plugin, the ArcGIS Pro toolbox and notebooks.
"""
from .client import (ApiError, Cancelled, Client, Job, JobFailed, collection_input, file_input, media_type_of,
                     reference_input)

__all__ = ["ApiError", "Cancelled", "Client", "Job", "JobFailed", "collection_input", "file_input", "media_type_of",
           "reference_input"]
__version__ = "0.1.0"
