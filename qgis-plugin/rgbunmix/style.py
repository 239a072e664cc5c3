"""Styles of the results: the features categorised by dominant class in the SIPNA colours, the raster
as a singleband pseudocolour of its first class (0 to 100 %). A change's (its legend's kind is "change") are
categorised by the dominant class after, and its raster of changes on a diverging ramp (-100 to +100 points)."""
from qgis.core import (QgsCategorizedSymbolRenderer, QgsColorRampShader, QgsGradientColorRamp,
                       QgsRasterShader, QgsRendererCategory, QgsSingleBandPseudoColorRenderer, QgsSymbol)
from qgis.PyQt.QtGui import QColor


# ColorBrewer RdBu, loss red and gain blue, as the server's change map
DIVERGING = ["#b2182b", "#ef8a62", "#f7f7f7", "#67a9cf", "#2166ac"]


def is_change(legend):
    return (legend or {}).get("kind") == "change"


def style_features(layer, legend):
    """Categorised by 'dominant_class' (a change's 'dominant_after'), one category per class of the legend."""
    field = "dominant_after" if is_change(legend) else "dominant_class"
    if legend is None or layer.fields().indexOf(field) < 0:
        return False
    categories = []
    for entry in legend.get("classes", []):
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(entry["colour"]))
        symbol.setOpacity(0.75)
        categories.append(QgsRendererCategory(entry["key"], symbol, entry["name"]))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))
    layer.triggerRepaint()
    return True


def style_raster(layer, legend=None):
    """Band 1 (the first class) from 0 to 100 % on a white-to-colour ramp; a change's from -100 to +100 points."""
    if is_change(legend):
        low, high = -100, 100
        items = [QgsColorRampShader.ColorRampItem(v, QColor(c), "{:+d} points".format(v))
                 for v, c in zip((-100, -20, 0, 20, 100), DIVERGING)]
    else:
        first = (legend or {}).get("classes", [{}])[0]
        ramp = QgsGradientColorRamp(QColor("#f7f7f7"), QColor(first.get("colour", "#1d6b2a")))
        low, high = 0, 100
        items = [QgsColorRampShader.ColorRampItem(v, ramp.color(v / 100.0), "{} %".format(v))
                 for v in (0, 25, 50, 75, 100)]
    shader_function = QgsColorRampShader(low, high)
    shader_function.setColorRampType(QgsColorRampShader.Interpolated)
    shader_function.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(shader_function)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(low)
    renderer.setClassificationMax(high)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return True
