#!/usr/bin/env bash
# Runs one Jazzer fuzz test in fuzzing mode (coverage-guided, new inputs) for a while; CI runs them in
# regression mode only, over the seed corpora in src/test/resources/.../*FuzzTestInputs/.
#
#   scripts/fuzz.sh TARGET [DURATION]        e.g. scripts/fuzz.sh geojson 10m
#
# TARGET: kvp | xml | json | geojson | gml | geotiff | tifftags | client-raster. Inputs that add coverage are kept in
# .cifuzz-corpus/ (ignored by git); each input that breaks the rule (the run goes on to the end) is written to the test's
# *FuzzTestInputs/ folder, where it stays as a regression case once the fault is fixed. The run ends
# with libFuzzer's line "Done N runs in S second(s)".
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?"usage: scripts/fuzz.sh kvp|xml|json|geojson|gml|geotiff|tifftags|client-raster [DURATION]"}
duration=${2:-10m}
# Coverage guides the fuzzer through our code and the library that parses each format.
ours='io.rgbunmix.**'
case "$target" in
  kvp)      module=server test='WpsParsersFuzzTest#keyValueExecute' libs="$ours" ;;
  xml)      module=server test='WpsParsersFuzzTest#xmlBody' libs="$ours" ;;
  json)     module=server test='ExecuteJsonFuzzTest#executeRequest' libs="$ours,com.fasterxml.jackson.core.**" ;;
  geojson)  module=engine test='AncillaryReadersFuzzTest#geoJson' libs="$ours,org.locationtech.jts.io.**" ;;
  gml)      module=engine test='AncillaryReadersFuzzTest#gml' libs="$ours" ;;
  geotiff)  module=engine test='TiffFuzzTest#geoTiff' libs="$ours,org.apache.sis.storage.geotiff.**,org.apache.sis.io.stream.**" ;;
  tifftags) module=engine test='TiffFuzzTest#tiffTags' libs="$ours" ;;
  client-raster) module=server test='ClientRasterFuzzTest#clientRaster' libs="$ours,org.apache.sis.storage.geotiff.**" ;;
  *) echo "scripts/fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
esac
# the server module needs the engine's test classes (ClientMessages) installed
if [ "$module" = server ]; then
  mvn -B -q install -DskipTests -pl engine -am
fi
status=0
JAZZER_FUZZ=1 mvn -B -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.max_duration="$duration" -Djazzer.keep_going=0 -Djazzer.instrument="$libs" || status=$?
# The tests run from the repository root, where Jazzer leaves what it found: keep it with the test.
class=${test%%#*} method=${test#*#}
inputs=$(find "$module/src/test/resources" -type d -path "*/${class}Inputs/$method" | head -1)
for crash in crash-*; do
  [ -e "$crash" ] || continue
  mv "$crash" "$inputs/"
  echo "scripts/fuzz.sh: finding kept as $inputs/$crash"
done
exit $status
