#!/usr/bin/python3
"""Helpers of scripts/geoserver/integration.sh (Debian's python3 with python3-gdal).

compare_abundances.py RESULT.json CLI.csv [--offset ROWS COLS]
    every feature's class percentages equal rgbunmix run's for the same window, to 1e-5
compare_abundances.py --fill-crop EXECUTE.xml SCENE.tif ROW COL ROWS COLS
    fills the crop request's polygon with those windows' extent
compare_abundances.py --wfs-ancillary EXECUTE.xml OUT.xml
    the same Execute with the ancillary features read from the WFS layer unmix:ancillary
compare_abundances.py --import EXECUTE.xml OUT.xml
    gs:Import of that Execute's result as the layer unmix:abundances
compare_abundances.py --bbox SCENE.tif
"""
import csv
import json
import re
import sys

WINDOW = 224


def compare(result_path, csv_path, dr=0, dc=0):
    with open(csv_path, newline="") as f:
        reader = csv.DictReader(f)
        # the class percentages: the columns between the window centre and the dominant class
        names = reader.fieldnames
        classes = names[names.index("centre_lat") + 1:names.index("dominant_class")]
        cli = {(int(r["row"]), int(r["col"])): r for r in reader}
    features = json.load(open(result_path))["features"]
    worst = 0.0
    for feature in features:
        p = feature["properties"]
        ref = cli[(int(p["row"]) + dr, int(p["col"]) + dc)]
        for k in classes:
            worst = max(worst, abs(float(p[k]) - float(ref[k])))
    print(f"  {len(features)} windows compared with rgbunmix run, largest difference {worst:.2e} pp")
    return bool(features) and worst <= 1e-5


def window_box(tif, row, col, rows, cols):
    from osgeo import gdal
    x0, px, _, y0, _, py = gdal.Open(tif).GetGeoTransform()
    inset = abs(px) / 4  # keep off the pixel edges, so that every service snaps to the same pixels
    minx = x0 + col * WINDOW * px + inset
    maxx = x0 + (col + cols) * WINDOW * px - inset
    maxy = y0 + row * WINDOW * py - inset
    miny = y0 + (row + rows) * WINDOW * py + inset
    return minx, miny, maxx, maxy


def main(argv):
    if argv[0] == "--fill-crop":
        xml, tif, r, c, rows, cols = argv[1], argv[2], *map(int, argv[3:7])
        minx, miny, maxx, maxy = window_box(tif, r, c, rows, cols)
        text = open(xml).read()
        wkt = f"POLYGON(({minx} {miny}, {maxx} {miny}, {maxx} {maxy}, {minx} {maxy}, {minx} {miny}))"
        open(xml, "w").write(text.replace("__CROP__", wkt))
        return 0
    if argv[0] == "--wfs-ancillary":
        text = open(argv[1]).read()
        wfs = ('<wps:Reference mimeType="text/xml; subtype=wfs-collection/1.0" xlink:href="http://geoserver/wfs?'
               'service=WFS&amp;version=1.0.0&amp;request=GetFeature&amp;typeName=unmix:ancillary"/>')
        text = re.sub(r'(<ows:Identifier>ancillary</ows:Identifier>\s*)<wps:Data>.*?</wps:Data>',
                      lambda m: m.group(1) + wfs, text, flags=re.S)
        open(argv[2], "w").write(text)
        return 0
    if argv[0] == "--import":
        inner = open(argv[1]).read()
        inner = inner.replace('RawDataOutput mimeType="application/json"',
                              'RawDataOutput mimeType="text/xml; subtype=wfs-collection/1.0"')
        inner = inner.replace(' xmlns:wps="http://www.opengis.net/wps/1.0.0"', "").replace(
            ' xmlns:ows="http://www.opengis.net/ows/1.1"', "").replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
        outer = f"""<wps:Execute version="1.0.0" service="WPS" xmlns:wps="http://www.opengis.net/wps/1.0.0"
  xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
  <ows:Identifier>gs:Import</ows:Identifier>
  <wps:DataInputs>
    <wps:Input><ows:Identifier>features</ows:Identifier>
      <wps:Reference mimeType="text/xml; subtype=wfs-collection/1.0" xlink:href="http://geoserver/wps" method="POST">
        <wps:Body>{inner}</wps:Body></wps:Reference></wps:Input>
    <wps:Input><ows:Identifier>workspace</ows:Identifier><wps:Data><wps:LiteralData>unmix</wps:LiteralData></wps:Data></wps:Input>
    <wps:Input><ows:Identifier>name</ows:Identifier><wps:Data><wps:LiteralData>abundances</wps:LiteralData></wps:Data></wps:Input>
  </wps:DataInputs>
  <wps:ResponseForm><wps:RawDataOutput><ows:Identifier>layerName</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
</wps:Execute>"""
        open(argv[2], "w").write(outer)
        return 0
    if argv[0] == "--bbox":
        from osgeo import gdal
        d = gdal.Open(argv[1])
        x0, px, _, y0, _, py = d.GetGeoTransform()
        print(f"{x0},{y0 + d.RasterYSize * py},{x0 + d.RasterXSize * px},{y0}")
        return 0
    dr = dc = 0
    if argv[0] == "--offset":
        dr, dc, argv = int(argv[1]), int(argv[2]), argv[3:]
    return 0 if compare(argv[0], argv[1], dr, dc) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
