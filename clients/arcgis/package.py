#!/usr/bin/python3
"""Packages the ArcGIS Pro toolbox as users install it: a folder rgbunmix/ with rgbunmix.pyt, its support
module and the Python client (clients/python/rgbunmix_client, kept once in the repository), zipped.

    /usr/bin/python3 clients/arcgis/package.py [OUT.zip]     (default: target/rgbunmix-arcgis-toolbox.zip)
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.join(HERE, "..", "python", "rgbunmix_client")


def package(target):
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("rgbunmix.pyt", "rgbunmix_arcgis.py"):
            archive.write(os.path.join(HERE, name), os.path.join("rgbunmix", name))
        for name in sorted(os.listdir(CLIENT)):
            if name.endswith((".py", ".typed")):
                archive.write(os.path.join(CLIENT, name), os.path.join("rgbunmix", "rgbunmix_client", name))
    return target


if __name__ == "__main__":
    print(package(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "target",
                                                                      "rgbunmix-arcgis-toolbox.zip")))
