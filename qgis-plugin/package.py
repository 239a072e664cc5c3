#!/usr/bin/python3
"""Packages the plugin as QGIS installs it (Plugins > Install from ZIP): rgbunmix/ at the zip's root.

    /usr/bin/python3 qgis-plugin/package.py [OUT.zip]     (default: target/rgbunmix-qgis-plugin.zip)
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def package(target):
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, subfolders, files in os.walk(os.path.join(HERE, "rgbunmix")):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = os.path.join(folder, name)
                archive.write(path, os.path.relpath(path, HERE))
    return target


if __name__ == "__main__":
    print(package(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "target", "rgbunmix-qgis-plugin.zip")))
