"""Styles of the results: the features categorised by dominant class in the SIPNA colours, the raster
as a singleband pseudocolour of its first class (0 to 100 %)."""
from qgis.core import (QgsCategorizedSymbolRenderer, QgsColorRampShader, QgsGradientColorRamp,
                       QgsRasterShader, QgsRendererCategory, QgsSingleBandPseudoColorRenderer, QgsSymbol)
from qgis.PyQt.QtGui import QColor


def style_features(layer, legend):
    """Categorised by 'dominant_class', one category per class of the legend, in its colour."""
    if legend is None or layer.fields().indexOf("dominant_class") < 0:
        return False
    categories = []
    for entry in legend.get("classes", []):
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(entry["colour"]))
        symbol.setOpacity(0.75)
        categories.append(QgsRendererCategory(entry["key"], symbol, entry["name"]))
    layer.setRenderer(QgsCategorizedSymbolRenderer("dominant_class", categories))
    layer.triggerRepaint()
    return True


def style_raster(layer, legend=None):
    """Band 1 (the first class) from 0 to 100 % on a white-to-colour ramp."""
    first = (legend or {}).get("classes", [{}])[0]
    top = QColor(first.get("colour", "#1d6b2a"))
    ramp = QgsGradientColorRamp(QColor("#f7f7f7"), top)
    shader_function = QgsColorRampShader(0, 100)
    shader_function.setColorRampType(QgsColorRampShader.Interpolated)
    shader_function.setColorRampItemList([QgsColorRampShader.ColorRampItem(v, ramp.color(v / 100.0), "{} %".format(v))
                                          for v in (0, 25, 50, 75, 100)])
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(shader_function)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0)
    renderer.setClassificationMax(100)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return True
