#!/usr/bin/env bash
# Makes WORK_DIR/tile.tif once: a whole 10980 x 10980 Sentinel-2 tile of 8-bit RGB, samples/scene.tif
# repeated 5 x 5 (the same file with shifted geotransforms, mosaicked by a VRT) and cropped, as a tiled
# DEFLATE GeoTIFF (512 x 512 blocks). Prints its path. Needs gdal-bin and Debian's python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:?usage: scripts/perf/tile.sh WORK_DIR}"
mkdir -p "$work"
tile="$work/tile.tif"
if [ ! -f "$tile" ]; then
  gt=($(gdalinfo -json samples/scene.tif | /usr/bin/python3 -c \
    'import json,sys; g=json.load(sys.stdin)["geoTransform"]; print(g[0], g[3], g[1])'))
  i=0
  for r in 0 1 2 3 4; do for c in 0 1 2 3 4; do
    x=$(/usr/bin/python3 -c "print(${gt[0]} + $c * 2240 * ${gt[2]})")
    y=$(/usr/bin/python3 -c "print(${gt[1]} - $r * 2240 * ${gt[2]})")
    gdal_translate -q -of VRT -a_ullr "$x" "$y" "$(/usr/bin/python3 -c "print($x + 2240 * ${gt[2]})")" \
      "$(/usr/bin/python3 -c "print($y - 2240 * ${gt[2]})")" samples/scene.tif "$work/part-$i.vrt"
    i=$((i + 1))
  done; done
  gdalbuildvrt -q "$work/mosaic.vrt" "$work"/part-*.vrt
  gdal_translate -q -srcwin 0 0 10980 10980 -co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512 \
    -co COMPRESS=DEFLATE "$work/mosaic.vrt" "$tile"
  rm -f "$work"/part-*.vrt "$work/mosaic.vrt"
fi
echo "$tile"
