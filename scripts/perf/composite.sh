#!/usr/bin/env bash
# The composite figure of docs/performance.md: a 3-date composite of a whole 10980 x 10980 tile against the
# single-date run on it, in one session, at -Xmx1g, alternating, two rounds each.
# The dates are the tile (scripts/perf/tile.sh) with a cloud of 2048 x 2048 pixels painted white in a
# different place in each, and an SCL-like mask per date (9 under its cloud, 4 elsewhere), all tiled
# DEFLATE GeoTIFFs like the tile.
# Usage: scripts/perf/composite.sh WORK_DIR   (needs target/rgbunmix.jar, gdal-bin, python3-gdal)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:?usage: scripts/perf/composite.sh WORK_DIR}"
jar="$PWD/target/rgbunmix.jar"
values="evapotranspiration=894,precipitation=376,elevation=519,slope=6.1,temp_ave=16.6,temp_max=23.7,temp_min=10.1"
tile="$(scripts/perf/tile.sh "$work")"
if [ ! -f "$work/S2_20240503_TCI.tif" ]; then
  /usr/bin/python3 - "$tile" "$work" <<'PY'
import sys
from osgeo import gdal
gdal.UseExceptions()
tile, work = sys.argv[1], sys.argv[2]
options = ["TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512", "COMPRESS=DEFLATE"]
source = gdal.Open(tile)
rgb = source.ReadAsArray()
for d, (x, y) in enumerate([(1000, 1000), (5000, 3000), (3000, 7000)]):
    clouded = rgb.copy()
    clouded[:, y:y + 2048, x:x + 2048] = 255
    out = gdal.GetDriverByName("GTiff").Create(f"{work}/S2_2024050{d + 1}_TCI.tif", 10980, 10980, 3,
                                                gdal.GDT_Byte, options)
    out.SetGeoTransform(source.GetGeoTransform()); out.SetProjection(source.GetProjection())
    out.WriteArray(clouded); out = None
    scl = (rgb[0] * 0 + 4).astype("uint8")
    scl[y:y + 2048, x:x + 2048] = 9
    mask = gdal.GetDriverByName("GTiff").Create(f"{work}/S2_2024050{d + 1}_SCL.tif", 10980, 10980, 1,
                                                 gdal.GDT_Byte, options)
    mask.SetGeoTransform(source.GetGeoTransform()); mask.SetProjection(source.GetProjection())
    mask.WriteArray(scl); mask = None
PY
fi
ls -l "$tile" "$work"/S2_2024050*
timed() { /usr/bin/time -f "%e s wall, %U s user, %M KB peak RSS" "$@" 2>&1 | tail -2; }
for round in 1 2; do
  echo; echo "\$ java -Xmx1g -jar rgbunmix.jar run --raster tile.tif ... (single date), round $round"
  echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
  timed java -Xmx1g -jar "$jar" run --raster "$tile" --ancillary-values "$values" --no-pictures --out "$work/single"
  echo; echo "\$ java -Xmx1g -jar rgbunmix.jar run --raster S2_20240501_TCI.tif --raster ..._0502 --raster ..._0503" \
    "--mask ..._SCL.tif x 3 --mask-classes 9 (composite), round $round"
  echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
  timed java -Xmx1g -jar "$jar" run --raster "$work/S2_20240501_TCI.tif" --raster "$work/S2_20240502_TCI.tif" \
    --raster "$work/S2_20240503_TCI.tif" --mask "$work/S2_20240501_SCL.tif" --mask "$work/S2_20240502_SCL.tif" \
    --mask "$work/S2_20240503_SCL.tif" --mask-classes 9 --ancillary-values "$values" --no-pictures \
    --out "$work/composite"
done
echo; echo "done: $(date -u)"
