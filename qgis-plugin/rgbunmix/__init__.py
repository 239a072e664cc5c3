"""rgbunmix for QGIS: a Processing provider over an OGC API - Processes server."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import RgbunmixPlugin
    return RgbunmixPlugin(iface)
