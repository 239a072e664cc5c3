#!/usr/bin/python3
"""Files the GeoServer integration run publishes and sends (Debian's python3 with python3-gdal and numpy).

fixtures.py OUT_DIR SCENE.tif SAMPLES_DIR
    OUT_DIR/dem.tif          a DEM over the scene at 30 m (smooth hills, metres)
    OUT_DIR/date_YYYYMMDD.tif  the scene on three dates, each with a white 'cloud' somewhere else
    OUT_DIR/mask_YYYYMMDD.tif  each date's cloud as 1, clear as 0
    OUT_DIR/after.tif        the scene one window column to the right (wrapped) and brighter: a change
    OUT_DIR/windows.zip      the published LifeWatch sample windows and their CSV, as the batch process takes them
    OUT_DIR/area.txt         an area of interest inside the scene, 'minlon,minlat,maxlon,maxlat'
"""
import os
import sys
import zipfile

import numpy as np
from osgeo import gdal, osr

WINDOW = 224
DATES = ["20240501", "20240611", "20240721"]


def like(scene, path, bands, dtype=gdal.GDT_Byte):
    out = gdal.GetDriverByName("GTiff").Create(path, scene.RasterXSize, scene.RasterYSize, len(bands), dtype)
    out.SetGeoTransform(scene.GetGeoTransform())
    out.SetProjection(scene.GetProjection())
    for i, band in enumerate(bands):
        out.GetRasterBand(i + 1).WriteArray(band)
    out.FlushCache()


def main(out, scene_path, samples):
    os.makedirs(out, exist_ok=True)
    scene = gdal.Open(scene_path)
    rgb = [scene.GetRasterBand(b + 1).ReadAsArray() for b in range(3)]
    height, width = rgb[0].shape
    x0, px, _, y0, _, py = scene.GetGeoTransform()

    # the DEM: 30 m cells over the scene and a margin, in the scene's CRS
    cells = int(width * abs(px) / 30) + 20
    dem = gdal.GetDriverByName("GTiff").Create(f"{out}/dem.tif", cells, cells, 1, gdal.GDT_Float32)
    dem.SetGeoTransform((x0 - 300, 30, 0, y0 + 300, 0, -30))
    dem.SetProjection(scene.GetProjection())
    yy, xx = np.mgrid[0:cells, 0:cells].astype(np.float32)
    dem.GetRasterBand(1).WriteArray(400 + 150 * np.sin(xx / 60) * np.cos(yy / 45) + yy * 0.5)
    dem.FlushCache()

    # three cloudy dates of the scene and their masks
    for d, (row, col) in zip(DATES, [(1, 1), (4, 5), (7, 2)]):
        mask = np.zeros((height, width), np.uint8)
        mask[row * WINDOW:(row + 2) * WINDOW, col * WINDOW:(col + 3) * WINDOW] = 1
        like(scene, f"{out}/date_{d}.tif", [np.where(mask == 1, 255, b).astype(np.uint8) for b in rgb])
        like(scene, f"{out}/mask_{d}.tif", [mask])

    # the 'after' period: windows moved one column and brighter
    like(scene, f"{out}/after.tif", [np.clip(np.roll(b, WINDOW, axis=1).astype(np.int32) + 25, 0, 255).astype(np.uint8)
                                     for b in rgb])

    # the batch process's zip: the sample windows and their CSV
    with zipfile.ZipFile(f"{out}/windows.zip", "w") as z:
        folder = f"{samples}/input/RGB satellite images folder"
        for name in sorted(os.listdir(folder)):
            z.write(f"{folder}/{name}", name)
        z.write(f"{samples}/input/Environmental ancillary data CSV file.csv", "Environmental ancillary data CSV file.csv")

    # an area of interest: windows 2..7 by 3..8 of the scene, in lon/lat
    srs = osr.SpatialReference(wkt=scene.GetProjection())
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to = osr.CoordinateTransformation(srs, wgs)
    lo = to.TransformPoint(x0 + 3 * WINDOW * px + 50, y0 + 7 * WINDOW * py + 50)
    hi = to.TransformPoint(x0 + 8 * WINDOW * px - 50, y0 + 2 * WINDOW * py - 50)
    with open(f"{out}/area.txt", "w") as f:
        f.write(f"{lo[0]:.6f},{lo[1]:.6f},{hi[0]:.6f},{hi[1]:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
