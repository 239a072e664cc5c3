#!/usr/bin/python3
"""Packages the plugin as QGIS installs it (Plugins > Install from ZIP): rgbunmix/ at the zip's root, with
the Python client (clients/python/rgbunmix_client, kept once in the repository) vendored as
rgbunmix/rgbunmix_client/.

    /usr/bin/python3 qgis-plugin/package.py [OUT.zip]     (default: target/rgbunmix-qgis-plugin.zip)
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.join(HERE, "..", "clients", "python", "rgbunmix_client")


def _add_tree(archive, source, prefix):
    """Every file under ``source``, as ``prefix/...`` in the zip, compiled files left out."""
    for folder, subfolders, files in os.walk(source):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            archive.write(path, os.path.join(prefix, os.path.relpath(path, source)))


def package(target):
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        _add_tree(archive, os.path.join(HERE, "rgbunmix"), "rgbunmix")
        _add_tree(archive, CLIENT, os.path.join("rgbunmix", "rgbunmix_client"))
    return target


if __name__ == "__main__":
    print(package(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "target", "rgbunmix-qgis-plugin.zip")))
