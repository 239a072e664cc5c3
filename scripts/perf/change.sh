#!/usr/bin/env bash
# The change figure of docs/performance.md: `rgbunmix change` on a whole 10980 x 10980 tile, one date per
# period, against the two single runs on the same dates, in one session, at -Xmx1g, alternating, two rounds.
# "before" is the tile of scripts/perf/tile.sh; "after" is the tile with its columns rolled by 2240 pixels
# (10 windows), so every window holds another part of the mosaic, as a tiled DEFLATE GeoTIFF like the tile.
# Usage: scripts/perf/change.sh WORK_DIR   (needs target/rgbunmix.jar, gdal-bin, python3-gdal)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:?usage: scripts/perf/change.sh WORK_DIR}"
jar="$PWD/target/rgbunmix.jar"
values="evapotranspiration=894,precipitation=376,elevation=519,slope=6.1,temp_ave=16.6,temp_max=23.7,temp_min=10.1"
tile="$(scripts/perf/tile.sh "$work")"
after="$work/tile-after.tif"
if [ ! -f "$after" ]; then
  /usr/bin/python3 - "$tile" "$after" <<'PY'
import sys
import numpy as np
from osgeo import gdal
gdal.UseExceptions()
source = gdal.Open(sys.argv[1])
out = gdal.GetDriverByName("GTiff").Create(sys.argv[2], 10980, 10980, 3, gdal.GDT_Byte,
                                            ["TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512", "COMPRESS=DEFLATE"])
out.SetGeoTransform(source.GetGeoTransform()); out.SetProjection(source.GetProjection())
out.WriteArray(np.roll(source.ReadAsArray(), 2240, axis=2)); out = None
PY
fi
ls -l "$tile" "$after"
timed() { /usr/bin/time -f "%e s wall, %U s user, %M KB peak RSS" "$@" 2>&1 | tail -2; }
for round in 1 2; do
  for side in before after; do
    raster="$tile"; [ "$side" = after ] && raster="$after"
    echo; echo "\$ java -Xmx1g -jar rgbunmix.jar run --raster $(basename "$raster") --level N2 --no-pictures ..., round $round"
    echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
    timed java -Xmx1g -jar "$jar" run --raster "$raster" --ancillary-values "$values" --level N2 --no-pictures \
      --out "$work/run-$side"
  done
  echo; echo "\$ java -Xmx1g -jar rgbunmix.jar change --before tile.tif --after tile-after.tif --level N2 --no-pictures ..., round $round"
  echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
  timed java -Xmx1g -jar "$jar" change --before "$tile" --after "$after" --ancillary-values "$values" --level N2 \
    --no-pictures --out "$work/change"
done
# the change equals the difference of the two runs, window by window
/usr/bin/python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
def rows(path):
    return {r["window_id"]: r for r in csv.DictReader(open(path))}
before, after, change = rows(f"{work}/run-before/abundances.csv"), rows(f"{work}/run-after/abundances.csv"), rows(f"{work}/change/change.csv")
keys = [k[:-len("_change")] for k in next(iter(change.values())) if k.endswith("_change") and k != "likely_change"]
worst = max(abs(float(c[k + "_change"]) - (float(after[w][k]) - float(before[w][k]))) for w, c in change.items() for k in keys)
print(f"{len(change)} windows compared; largest |change - (after run - before run)|: {worst:.2e} points")
PY
echo; echo "done: $(date -u)"
