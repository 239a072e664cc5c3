#!/usr/bin/env bash
# The Spark job in local[2] against `rgbunmix run` over the same rasters in one shell loop (docs/spark.md).
#   scripts/perf/spark-vs-run.sh WORK_DIR [TILES] [SIZE]     (defaults: 8 tiles of 4480 x 4480 pixels)
# RUN_OPTIONS are added to each `rgbunmix run` (default --no-pictures: the same outputs as the Spark job's).
# Needs bc, target/rgbunmix.jar and spark/target/rgbunmix-spark.jar (mvn -B package), gdal-bin, and Spark's jars
# in the local Maven repository (the build put them there). spark-submit in local mode runs the job's main
# class in one JVM with Spark's jars on its class path: this script does the same, as no Spark
# distribution is installed here.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:?usage: scripts/perf/spark-vs-run.sh WORK_DIR [TILES] [SIZE]}"
tiles="${2:-8}"
size="${3:-4480}"
values="evapotranspiration=894,precipitation=376,elevation=519,slope=6.1,temp_ave=16.6,temp_max=23.7,temp_min=10.1"
mkdir -p "$work/tiles"

# tiles: samples/scene.tif repeated, cropped, each shifted so that they are different places
reps=$(( (size + 2239) / 2240 ))
for i in $(seq 1 "$tiles"); do
  t="$work/tiles/tile-$i.tif"
  [ -f "$t" ] && continue
  parts=()
  for r in $(seq 0 $((reps - 1))); do for c in $(seq 0 $((reps - 1))); do
    gdal_translate -q -of VRT -srcwin 0 0 2240 2240 -a_ullr $((440000 + c * 22400 + i * 100000)) $((4130000 - r * 22400)) \
      $((440000 + (c + 1) * 22400 + i * 100000)) $((4130000 - (r + 1) * 22400)) samples/scene.tif "$work/p-$r-$c.vrt"
    parts+=("$work/p-$r-$c.vrt")
  done; done
  gdalbuildvrt -q "$work/m.vrt" "${parts[@]}"
  gdal_translate -q -srcwin 0 0 "$size" "$size" -co TILED=YES -co COMPRESS=DEFLATE "$work/m.vrt" "$t"
  rm -f "$work"/p-*.vrt "$work/m.vrt"
done
windows=$(( tiles * (size / 224) * (size / 224) ))
echo "$tiles tiles of $size x $size pixels, $windows windows; $(nproc) cores; loadavg $(cut -d' ' -f1-3 /proc/loadavg)"

start=$(date +%s.%N)
for t in "$work"/tiles/*.tif; do
  # shellcheck disable=SC2086
  java -jar target/rgbunmix.jar run ${RUN_OPTIONS---no-pictures} --raster "$t" --ancillary-values "$values" \
    --out "$work/run-$(basename "$t" .tif)" > /dev/null 2>&1
done
end=$(date +%s.%N)
run_s=$(echo "$end - $start" | bc -l)
echo "rgbunmix run ${RUN_OPTIONS---no-pictures}, one after the other: $run_s s, $(echo "$windows / $run_s" | bc -l | cut -c1-6) windows/s"

opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
(cd spark && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/spark.classpath" -Dmdep.includeScope=provided > /dev/null)
rm -rf "$work/spark-out"
start=$(date +%s.%N)
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -f "%e s wall, %M KB peak RSS (driver = the local executor)" \
  java $opens -Xmx2g -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "spark/target/rgbunmix-spark.jar:$(cat "$work/spark.classpath")" io.rgbunmix.spark.SparkJob --master 'local[2]' \
  --rasters "$work/tiles" --models models --ancillary-values "$values" --out "$work/spark-out" 2> "$work/spark.log" | tail -1
tail -1 "$work/spark.log"
end=$(date +%s.%N)
spark_s=$(echo "$end - $start" | bc -l)
echo "Spark local[2]: $spark_s s, $(echo "$windows / $spark_s" | bc -l | cut -c1-6) windows/s"
echo "ratio Spark / run: $(echo "$run_s / $spark_s" | bc -l | cut -c1-5)"
