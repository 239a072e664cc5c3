#!/usr/bin/env bash
# The throughput figures of docs/performance.md, all in one session, on a quiet machine:
#   1. `rgbunmix bench` with 1 x 2 and 2 x 1 inferring threads x intra-op threads, alternating;
#   2. a whole 10980 x 10980 tile (samples/scene.tif repeated 5 x 5, cropped; GDAL) at -Xmx1g, both settings;
#   3. ONNX Runtime's raw figure against PyTorch eager (training/bench_torch.py, Debian's python3-torch),
#      at batch 1 and 16;
#   4. each level's fp32 model against its int8 one, bench medians, alternating.
# Usage: scripts/perf/throughput.sh WORK_DIR   (needs target/rgbunmix.jar, gdal-bin, python3-torch)
# Prints a log of every command and its output; JSON bench results are kept under WORK_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:?usage: scripts/perf/throughput.sh WORK_DIR}"
mkdir -p "$work"
jar="$PWD/target/rgbunmix.jar"
values="evapotranspiration=894,precipitation=376,elevation=519,slope=6.1,temp_ave=16.6,temp_max=23.7,temp_min=10.1"

say() { echo; echo "\$ $*"; }
load() { echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"; }

tile="$(scripts/perf/tile.sh "$work")"
say gdalinfo "$tile" "(size)"; gdalinfo "$tile" | grep -E "^Size|Block"; ls -l "$tile"

echo; echo "## 1. bench, 1 x 2 against 2 x 1, alternating"
for round in 1 2; do
  for setting in "1 2" "2 1"; do
    set -- $setting
    out="$work/bench-$1x$2-$round.json"
    say java -jar "$jar" bench --inference-threads "$1" --threads "$2" --json; load
    java -jar "$jar" bench --inference-threads "$1" --threads "$2" --json > "$out"
    cat "$out"
  done
done

echo; echo "## 2. the whole tile at -Xmx1g"
for round in 1 2; do
  for setting in "2 1" "1 2"; do
    set -- $setting
    say /usr/bin/time -f "%e s wall, %U s user, %M KB peak RSS" java -Xmx1g -jar "$jar" run --raster "$tile" \
      --ancillary-values "$values" --inference-threads "$1" --threads "$2" --out "$work/tile-out"; load
    /usr/bin/time -f "%e s wall, %U s user, %M KB peak RSS" java -Xmx1g -jar "$jar" run --raster "$tile" \
      --ancillary-values "$values" --inference-threads "$1" --threads "$2" --out "$work/tile-out" 2>&1 | tail -2
  done
done

echo; echo "## 3. ONNX Runtime against PyTorch eager"
for batch in 1 16; do
  say java -jar "$jar" bench --batch-size "$batch" --repeats 3 --json; load
  java -jar "$jar" bench --batch-size "$batch" --repeats 3 --json > "$work/bench-batch$batch.json"
  cat "$work/bench-batch$batch.json"
done
say /usr/bin/python3 training/bench_torch.py --batches 1,16 --windows 64 --repeats 3 --json; load
/usr/bin/python3 training/bench_torch.py --batches 1,16 --windows 64 --repeats 3 --json

echo; echo "## 4. int8 against fp32"
for model in sipna-n1 sipna-n1-int8 sipna-n2 sipna-n2-int8; do
  mkdir -p "$work/models-$model"
  ln -sfn "$PWD/models/$model" "$work/models-$model/$model"
done
for round in 1 2; do
  for model in sipna-n1 sipna-n1-int8 sipna-n2 sipna-n2-int8; do
    level="$(echo "$model" | cut -d- -f2 | tr a-z A-Z)"
    say java -jar "$jar" bench --level "$level" --models "$work/models-$model" --json; load
    java -jar "$jar" bench --level "$level" --models "$work/models-$model" --json > "$work/bench-$model-$round.json"
    cat "$work/bench-$model-$round.json"
  done
done
echo; echo "done: $(date -u)"
