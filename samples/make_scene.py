#!/usr/bin/python3
"""Build the ground-truth sample scene in samples/ (the README's default input).

scene.tif                 10 x 10 windows (2240 x 2240 px) of EuroSAT test-split mosaics, RGB 8-bit,
                          EPSG:32630 (WGS 84 / UTM 30N), 10 m pixels, near Granada (Andalusia)
scene-ancillary.geojson   25 polygons (2 x 2 windows each, EPSG:4326) with the 7 ancillary values,
                          drawn independently of the land cover
scene-truth-n1.csv        exact per-window abundances (percent) at level N1
scene-truth-n2.csv        the same at level N2

Usage: /usr/bin/python3 samples/make_scene.py [EUROSAT_DIR]   (default ../shared/datasets/eurosat-rgb)
"""
import csv
import json
import os
import sys

import numpy as np
from osgeo import gdal, osr

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "training"))
from mosaic import WINDOW, ANCILLARY, MosaicMaker, draw_ancillary, snake, split_patches  # noqa: E402

ROWS = COLS = 10
EAST, NORTH = 440000.0, 4130000.0   # upper-left corner, UTM 30N
PIXEL = 10.0
SEED = 7
BLOCK = 2                            # ancillary polygons cover BLOCK x BLOCK windows


def main(eurosat):
    gdal.UseExceptions()
    maker = MosaicMaker(split_patches(eurosat)["test"])
    rng = np.random.default_rng(SEED)
    image = np.zeros((ROWS * WINDOW, COLS * WINDOW, 3), dtype=np.uint8)
    truth = []
    for row in range(ROWS):
        for col in range(COLS):
            mosaic, n2, n1 = maker.make(rng)
            image[row * WINDOW:(row + 1) * WINDOW, col * WINDOW:(col + 1) * WINDOW] = mosaic
            truth.append((row * COLS + col, row, col, n1, n2))

    utm = osr.SpatialReference()
    utm.ImportFromEPSG(32630)
    path = os.path.join(HERE, "scene.tif")
    tif = gdal.GetDriverByName("GTiff").Create(path, COLS * WINDOW, ROWS * WINDOW, 3, gdal.GDT_Byte,
                                               ["COMPRESS=DEFLATE", "PREDICTOR=2", "TILED=YES", "ZLEVEL=9"])
    tif.SetGeoTransform((EAST, PIXEL, 0, NORTH, 0, -PIXEL))
    tif.SetProjection(utm.ExportToWkt())
    for band in range(3):
        tif.GetRasterBand(band + 1).WriteArray(image[:, :, band])
        tif.GetRasterBand(band + 1).SetColorInterpretation(gdal.GCI_RedBand + band)
    tif = None

    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_lonlat = osr.CoordinateTransformation(utm, wgs84)
    side = BLOCK * WINDOW * PIXEL
    values = draw_ancillary(rng, (ROWS // BLOCK) * (COLS // BLOCK))
    features = []
    for i in range(ROWS // BLOCK):
        for j in range(COLS // BLOCK):
            x0, y0 = EAST + j * side, NORTH - i * side
            steps = np.linspace(0, side, 9)
            ring = ([(x0 + s, y0) for s in steps[:-1]] + [(x0 + side, y0 - s) for s in steps[:-1]]
                    + [(x0 + side - s, y0 - side) for s in steps[:-1]] + [(x0, y0 - side + s) for s in steps[:-1]])
            ring = ring[::-1]  # counter-clockwise, as RFC 7946 asks
            ring.append(ring[0])
            lonlat = [list(to_lonlat.TransformPoint(x, y)[:2]) for x, y in ring]
            v = values[i * (COLS // BLOCK) + j]
            features.append({"type": "Feature", "id": f"block-{i}-{j}",
                             "geometry": {"type": "Polygon", "coordinates": [[[round(a, 8), round(b, 8)]
                                                                              for a, b in lonlat]]},
                             "properties": {name: round(float(v[k]), 2) for k, name in enumerate(ANCILLARY)}})
    with open(os.path.join(HERE, "scene-ancillary.geojson"), "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, indent=1)
        f.write("\n")

    for level, names, index in (("n1", maker.n1, 3), ("n2", maker.n2, 4)):
        with open(os.path.join(HERE, f"scene-truth-{level}.csv"), "w", newline="") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(["window_id", "row", "col"] + [snake(n) for n in names])
            for record in truth:
                out.writerow(list(record[:3]) + [f"{100 * float(p):.4f}" for p in record[index]])
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB) and its ancillary and truth files")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "datasets", "eurosat-rgb"))
