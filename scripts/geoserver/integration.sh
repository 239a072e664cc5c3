#!/usr/bin/env bash
# The plugin in a real GeoServer 2.28, run by hand (not in CI: GeoServer is not on Maven Central).
#
#   scripts/geoserver/integration.sh GEOSERVER_WEBAPP [JETTY_HOME]
#
# GEOSERVER_WEBAPP: geoserver.war or its exploded folder (GeoServer 2.28.x with the WPS extension).
# JETTY_HOME:       a Jetty 10 distribution; by default org.eclipse.jetty:jetty-home:10.0.25 from
#                   Maven Central, unpacked under the work folder.
# Needs: java 17, mvn, curl, unzip, Debian's /usr/bin/python3; builds the plugin zip and
# target/rgbunmix.jar when missing. Everything runs on 127.0.0.1 in a fresh work folder
# (RGBUNMIX_IT_WORK, default a new temp folder) with a fresh data directory.
#
# It shows: the plugin zip duplicates nothing of the war's WEB-INF/lib; GetCapabilities lists the
# process; DescribeProcess; Execute on the sample scene with GeoJSON ancillary gives rgbunmix run's
# abundances to 1e-5; the scene published as a coverage, cropped by ras:CropCoverage and fed in;
# ancillary features from a WFS layer; the result as GeoJSON and as a shapefile zip; stored as a
# layer with gs:Import and drawn by WMS; async with GetExecutionStatus; Dismiss; every unmix
# process's DescribeProcess against the standalone server's (target/rgbunmix.jar serve); a DEM
# coverage of the catalog with an area, a composite of three cloudy coverages with their masks,
# unmix:EstimateChange and unmix:EstimateAbundancesBatch, each against the command line on the
# same files (scripts/geoserver/fixtures.py makes them); progress and Dismiss of the new
# processes; three bad inputs located; GeoServer's maximum execution time (after a restart).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,12p' "$0"; exit 2; }
webapp="$(readlink -f "$1")"
jetty_home="${2:-}"
port="${RGBUNMIX_IT_PORT:-18181}"
standalone_port=$((port + 1))
samples="$here/../shared/datasets/sipna-samples"
work="${RGBUNMIX_IT_WORK:-$(mktemp -d /tmp/rgbunmix-geoserver-it.XXXXXX)}"
mkdir -p "$work"
base="http://127.0.0.1:$port/geoserver"
auth=(-u admin:geoserver)
py=/usr/bin/python3
pass=0
fail=0
check() { # name, then a command that must succeed
  local name="$1"; shift
  if "$@"; then echo "PASS  $name"; pass=$((pass + 1)); else echo "FAIL  $name"; fail=$((fail + 1)); fi
}

cd "$here"
zip=$(ls geoserver/target/rgbunmix-geoserver-*-plugin.zip 2>/dev/null | head -1 || true)
if [ -z "$zip" ]; then
  mvn -B -q -Pgeoserver -DskipTests package
  zip=$(ls geoserver/target/rgbunmix-geoserver-*-plugin.zip | head -1)
fi
[ -f target/rgbunmix.jar ] || mvn -B -q -DskipTests package

# --- Jetty base with GeoServer and the plugin ----------------------------------------------
if [ -z "$jetty_home" ]; then
  mvn -B -q dependency:copy -Dartifact=org.eclipse.jetty:jetty-home:10.0.25:tar.gz -DoutputDirectory="$work"
  tar -xzf "$work/jetty-home-10.0.25.tar.gz" -C "$work"
  jetty_home="$work/jetty-home-10.0.25"
fi
jetty_base="$work/jetty-base"
rm -rf "$jetty_base" && mkdir -p "$jetty_base/webapps"
if [ -d "$webapp" ]; then cp -r "$webapp" "$jetty_base/webapps/geoserver"
else mkdir "$jetty_base/webapps/geoserver" && unzip -q "$webapp" -d "$jetty_base/webapps/geoserver"; fi
# compared with the untouched war's WEB-INF/lib, before the plugin goes in: a duplicate fails the run
check "the plugin zip holds no artifact GeoServer's WEB-INF/lib already has" \
  scripts/geoserver/check-plugin-jars.sh "$zip" "$jetty_base/webapps/geoserver/WEB-INF/lib"
unzip -q -o "$zip" -d "$jetty_base/webapps/geoserver/WEB-INF/lib"
echo "plugin: $zip -> WEB-INF/lib ($(unzip -Z1 "$zip" | wc -l) jars)"

data="$work/data"
rm -rf "$data" && mkdir -p "$data/rgbunmix/models"
cp -r models/sipna-n1 models/sipna-n2 "$data/rgbunmix/models/"
(cd "$jetty_base" && java -jar "$jetty_home/start.jar" --add-module=server,http,deploy >/dev/null 2>&1)

opens="--add-exports=java.desktop/sun.awt.image=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
 --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.desktop/java.awt.font=ALL-UNNAMED
 --add-opens=java.desktop/sun.awt.image=ALL-UNNAMED --add-opens=java.naming/com.sun.jndi.ldap=ALL-UNNAMED
 --add-opens=java.desktop/sun.java2d.pipe=ALL-UNNAMED"
start_geoserver() {
  # shellcheck disable=SC2086
  (cd "$jetty_base" && exec java -Xmx2g $opens -DGEOSERVER_DATA_DIR="$data" -Dorg.geotools.referencing.forceXY=true \
    -jar "$jetty_home/start.jar" jetty.http.host=127.0.0.1 jetty.http.port="$port") >> "$work/geoserver.log" 2>&1 &
  server=$!
  echo "GeoServer starting on $base (log: $work/geoserver.log)"
  for _ in $(seq 1 180); do
    curl -sf "$base/wps?service=WPS&request=GetCapabilities" -o "$work/caps.xml" && return 0
    kill -0 $server 2>/dev/null || { tail -30 "$work/geoserver.log"; exit 1; }
    sleep 2
  done
  echo "GeoServer did not start" >&2; exit 1
}
stop_geoserver() { kill $server 2>/dev/null; wait $server 2>/dev/null || true; }
trap stop_geoserver EXIT
start_geoserver

# A workspace for the layers below; it also becomes the default workspace, which GeoServer's
# shapefile-zip encoder needs (on a catalog with no workspace at all it fails with a NullPointerException).
curl -sf "${auth[@]}" -X POST -H 'Content-Type: application/xml' -d '<workspace><name>unmix</name></workspace>' "$base/rest/workspaces" > /dev/null || true

# --- The process in GeoServer's WPS --------------------------------------------------------
check "GetCapabilities lists unmix:EstimateAbundances" grep -q '<ows:Identifier>unmix:EstimateAbundances</ows:Identifier>' "$work/caps.xml"
curl -sf "${auth[@]}" "$base/wps?service=WPS&request=GetCapabilities" -o "$work/caps-admin.xml"
check "GeoServer's own gs:Import and gs:PagedUnique are still offered (admin)" \
  bash -c "grep -q '>gs:Import<' '$work/caps-admin.xml' && grep -q '>gs:PagedUnique<' '$work/caps-admin.xml'"
curl -sf "$base/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=unmix:EstimateAbundances" -o "$work/describe.xml"
check "DescribeProcess: raster, ancillary, level N1/N2, result and abundanceRaster" $py - "$work/describe.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
OWS = "{http://www.opengis.net/ows/1.1}"
doc = ET.parse(sys.argv[1])
def ident(e):
    return e.find(OWS + "Identifier").text
inputs = {ident(e): e for e in doc.iter("Input")}
outputs = {ident(e): e for e in doc.iter("Output")}
levels = [v.text for v in inputs["level"].iter(OWS + "Value")]
formats = [m.text for m in outputs["result"].iter("MimeType")]
print("  inputs:", list(inputs), "\n  outputs:", list(outputs), "\n  level values:", levels,
      "\n  result formats:", formats)
sys.exit(0 if {"raster", "ancillary", "ancillaryValues", "level", "stride"} <= set(inputs)
         and list(outputs) == ["result", "abundanceRaster"] and set(levels) == {"N1", "N2"}
         and "application/zip" in formats and "application/json" in formats else 1)
PY

# The reference: rgbunmix run on the same files, same models.
java -jar target/rgbunmix.jar run --raster samples/scene.tif --ancillary samples/scene-ancillary.geojson \
  --level N1 --models models --out "$work/cli" > "$work/cli.log" 2>&1

tiff64="$work/scene.b64"
base64 -w0 samples/scene.tif > "$tiff64"
execute_xml() { # response-form XML -> an Execute of the sample scene with the GeoJSON ancillary
  cat <<XML
<wps:Execute version="1.0.0" service="WPS" xmlns:wps="http://www.opengis.net/wps/1.0.0"
  xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
  <ows:Identifier>unmix:EstimateAbundances</ows:Identifier>
  <wps:DataInputs>
    <wps:Input><ows:Identifier>raster</ows:Identifier>
      <wps:Data><wps:ComplexData mimeType="image/tiff" encoding="base64">$(cat "$tiff64")</wps:ComplexData></wps:Data></wps:Input>
    <wps:Input><ows:Identifier>ancillary</ows:Identifier>
      <wps:Data><wps:ComplexData mimeType="application/json"><![CDATA[$(cat samples/scene-ancillary.geojson)]]></wps:ComplexData></wps:Data></wps:Input>
    <wps:Input><ows:Identifier>level</ows:Identifier><wps:Data><wps:LiteralData>N1</wps:LiteralData></wps:Data></wps:Input>
  </wps:DataInputs>
  $1
</wps:Execute>
XML
}
post() { # request file, answer file, [curl options]
  local code
  code=$(curl -s "${@:3}" -X POST -H 'Content-Type: text/xml' --data-binary @"$1" "$base/wps" -o "$2" -w '%{http_code}')
  [ "$code" = 200 ] || echo "  HTTP $code for $(basename "$1")"
}
compare="$here/scripts/geoserver/compare_abundances.py"
outputs="$here/scripts/geoserver/compare_outputs.py"

execute_xml '<wps:ResponseForm><wps:RawDataOutput mimeType="application/json"><ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>' > "$work/execute-json.xml"
post "$work/execute-json.xml" "$work/result.json"
check "Execute (GeoTIFF + GeoJSON ancillary) = rgbunmix run, to 1e-5" $py "$compare" "$work/result.json" "$work/cli/abundances.csv"

execute_xml '<wps:ResponseForm><wps:RawDataOutput mimeType="application/zip"><ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>' > "$work/execute-zip.xml"
post "$work/execute-zip.xml" "$work/result-shp.zip"
unzip -Z1 "$work/result-shp.zip" 2>&1 | sed 's/^/  /'
check "result as a shapefile zip (.shp, .dbf, .prj)" bash -c "unzip -Z1 '$work/result-shp.zip' | grep -q '\.shp$' && unzip -Z1 '$work/result-shp.zip' | grep -q '\.dbf$' && unzip -Z1 '$work/result-shp.zip' | grep -q '\.prj$'"

execute_xml '<wps:ResponseForm><wps:RawDataOutput mimeType="image/tiff"><ows:Identifier>abundanceRaster</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>' > "$work/execute-tif.xml"
post "$work/execute-tif.xml" "$work/abundance.tif"
check "abundanceRaster as GeoTIFF (10 x 10, 4 bands)" bash -c "$py -c \"
from osgeo import gdal; d = gdal.Open('$work/abundance.tif'); print('  ', d.RasterXSize, d.RasterYSize, d.RasterCount)
raise SystemExit(0 if (d.RasterXSize, d.RasterYSize, d.RasterCount) == (10, 10, 4) else 1)\""

# --- Chaining: a coverage published in GeoServer, cropped by ras:CropCoverage ---------------
curl -sf "${auth[@]}" -X PUT -H 'Content-Type: image/tiff' --data-binary @samples/scene.tif \
  "$base/rest/workspaces/unmix/coveragestores/scene/file.geotiff?coverageName=scene" > /dev/null
# WCS 2.0 gives the coverage on its native grid (a WCS 1.1 bounding box resamples it); the
# crop to the middle 6 x 6 windows keeps the parent's grid.
cat > "$work/execute-crop.xml" <<XML
<wps:Execute version="1.0.0" service="WPS" xmlns:wps="http://www.opengis.net/wps/1.0.0"
  xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
  <ows:Identifier>unmix:EstimateAbundances</ows:Identifier>
  <wps:DataInputs>
    <wps:Input><ows:Identifier>raster</ows:Identifier>
      <wps:Reference mimeType="image/tiff" xlink:href="http://geoserver/wps" method="POST"><wps:Body>
        <wps:Execute version="1.0.0" service="WPS">
          <ows:Identifier>ras:CropCoverage</ows:Identifier>
          <wps:DataInputs>
            <wps:Input><ows:Identifier>coverage</ows:Identifier>
              <wps:Reference mimeType="image/tiff" xlink:href="http://geoserver/wcs?service=WCS&amp;version=2.0.1&amp;request=GetCoverage&amp;coverageId=unmix__scene&amp;format=image/tiff"/></wps:Input>
            <wps:Input><ows:Identifier>cropShape</ows:Identifier>
              <wps:Data><wps:ComplexData mimeType="application/wkt"><![CDATA[__CROP__]]></wps:ComplexData></wps:Data></wps:Input>
          </wps:DataInputs>
          <wps:ResponseForm><wps:RawDataOutput mimeType="image/tiff"><ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
        </wps:Execute>
      </wps:Body></wps:Reference></wps:Input>
    <wps:Input><ows:Identifier>ancillary</ows:Identifier>
      <wps:Data><wps:ComplexData mimeType="application/json"><![CDATA[$(cat samples/scene-ancillary.geojson)]]></wps:ComplexData></wps:Data></wps:Input>
    <wps:Input><ows:Identifier>level</ows:Identifier><wps:Data><wps:LiteralData>N1</wps:LiteralData></wps:Data></wps:Input>
  </wps:DataInputs>
  <wps:ResponseForm><wps:RawDataOutput mimeType="application/json"><ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
</wps:Execute>
XML
$py "$compare" --fill-crop "$work/execute-crop.xml" samples/scene.tif 2 2 6 6
post "$work/execute-crop.xml" "$work/result-crop.json"
check "chained: WCS coverage -> ras:CropCoverage -> unmix (windows = rgbunmix run's, offset 2,2)" \
  $py "$compare" --offset 2 2 "$work/result-crop.json" "$work/cli/abundances.csv"

# --- Ancillary features from a WFS layer of the same GeoServer ------------------------------
if command -v ogr2ogr >/dev/null; then
  # A GeoPackage layer: a shapefile would cut 'evapotranspiration' to 10 characters.
  rm -f "$work/ancillary.gpkg"
  ogr2ogr -f GPKG -nln ancillary "$work/ancillary.gpkg" samples/scene-ancillary.geojson
  curl -sf "${auth[@]}" -X PUT -H 'Content-Type: application/x-sqlite3' --data-binary @"$work/ancillary.gpkg" \
    "$base/rest/workspaces/unmix/datastores/ancillary/file.gpkg" > /dev/null
  $py "$compare" --wfs-ancillary "$work/execute-json.xml" "$work/execute-wfs.xml"
  post "$work/execute-wfs.xml" "$work/result-wfs.json"
  check "ancillary from the WFS layer unmix:ancillary = rgbunmix run" $py "$compare" "$work/result-wfs.json" "$work/cli/abundances.csv"
else
  echo "SKIP  ancillary from WFS (ogr2ogr from gdal-bin is needed to make the shapefile layer)"
fi

# --- The result stored as a layer with gs:Import, drawn by WMS ------------------------------
$py "$compare" --import "$work/execute-json.xml" "$work/execute-import.xml"
post "$work/execute-import.xml" "$work/import.txt" "${auth[@]}"   # gs:Import is for administrators
check "gs:Import stored the result as unmix:abundances" grep -q 'unmix:abundances' "$work/import.txt"
curl -sf "$base/wms?service=WMS&version=1.1.1&request=GetMap&layers=unmix:abundances&styles=&srs=EPSG:32630&bbox=$($py "$compare" --bbox samples/scene.tif)&width=256&height=256&format=image/png" -o "$work/abundances.png"
check "WMS GetMap draws unmix:abundances" bash -c "file '$work/abundances.png' | grep -q 'PNG image'"

# --- Asynchronous execution, status, dismiss ------------------------------------------------
execution_id() { grep -o 'executionId=[^"&]*' "$1" | head -1 | sed 's/executionId=//'; }
status_of() { curl -sf "$base/ows?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=$1" -o "$2"; }
dismiss_running() { # name, accepted answer: after 3 s, its status, Dismiss, then its status again
  local id
  id=$(execution_id "$2")
  sleep 3
  status_of "$id" "$work/$1-before.xml"
  grep -o 'percentCompleted="[0-9]*"' "$work/$1-before.xml" | head -1 | sed "s/^/  $1 before Dismiss: /" || true
  curl -sf "$base/ows?service=WPS&version=1.0.0&request=Dismiss&executionId=$id" -o "$work/$1-dismiss.xml"
  sleep 2
  curl -s "$base/ows?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=$id" -o "$work/$1-after.xml"
}
dismissed() { # name, what its status said before: running so, then dismissed, then unknown to GetExecutionStatus
  grep -q "$2" "$work/$1-before.xml" && grep -q 'has been dismissed' "$work/$1-dismiss.xml" \
    && grep -q 'Unknown execution id' "$work/$1-after.xml"
}
async_form='<wps:ResponseForm><wps:ResponseDocument storeExecuteResponse="true" status="true"><wps:Output asReference="true" mimeType="application/json"><ows:Identifier>result</ows:Identifier></wps:Output></wps:ResponseDocument></wps:ResponseForm>'
execute_xml "$async_form" > "$work/execute-async.xml"
post "$work/execute-async.xml" "$work/accepted.xml"
status_url=$(grep -o 'statusLocation="[^"]*"' "$work/accepted.xml" | sed 's/statusLocation="//; s/"$//; s/&amp;/\&/g')
execution=$(echo "$status_url" | sed 's/.*executionId=//; s/&.*//')
echo "  async execution $execution"
for _ in $(seq 1 120); do
  curl -sf "$base/ows?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=$execution" -o "$work/status.xml"
  grep -q 'ProcessSucceeded\|ProcessFailed' "$work/status.xml" && break
  grep -o 'percentCompleted="[0-9]*"' "$work/status.xml" | head -1 | sed 's/^/  /' || true
  sleep 1
done
check "async: GetExecutionStatus ends in ProcessSucceeded" grep -q 'ProcessSucceeded' "$work/status.xml"
result_url=$(grep -o 'href="[^"]*"' "$work/status.xml" | head -1 | sed 's/href="//; s/"$//; s/&amp;/\&/g')
curl -sf "$result_url" -o "$work/result-async.json"
check "async result = rgbunmix run" $py "$compare" "$work/result-async.json" "$work/cli/abundances.csv"

# A long one (stride 16: 6,400 windows) dismissed while it runs.
sed 's#<ows:Identifier>level</ows:Identifier>#<ows:Identifier>stride</ows:Identifier><wps:Data><wps:LiteralData>16</wps:LiteralData></wps:Data></wps:Input><wps:Input><ows:Identifier>level</ows:Identifier>#' \
  "$work/execute-async.xml" > "$work/execute-long.xml"
post "$work/execute-long.xml" "$work/accepted-long.xml"
dismiss_running long "$work/accepted-long.xml"
check "Dismiss of a running execution: 'dismissed', then unknown to GetExecutionStatus" \
  dismissed long ProcessStarted

# --- Every process, made from the descriptions, against the standalone server -----------------
(java -jar target/rgbunmix.jar serve --port "$standalone_port" --work-dir "$work/standalone" --models models \
  > "$work/standalone.log" 2>&1 &) 
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$standalone_port/ready" > /dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$standalone_port/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL" \
  -o "$work/describe-standalone.xml"
pkill -f "serve --port $standalone_port" || true
curl -sf "$base/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=unmix:EstimateAbundances,unmix:EstimateAbundancesBatch,unmix:Echo,unmix:EstimateChange" \
  -o "$work/describe-all.xml"
check "DescribeProcess of every unmix process = the standalone server's, input by input (identifier, minOccurs, maxOccurs, default)" \
  $py "$outputs" describe "$work/describe-all.xml" "$work/describe-standalone.xml"

# The files: a DEM, three cloudy dates with their masks, an 'after' period, the sample windows' zip
fixtures="$work/fixtures"
$py scripts/geoserver/fixtures.py "$fixtures" samples/scene.tif "$samples"
publish() { # file, coverage name: a GeoTIFF coverage in the unmix workspace
  curl -sf "${auth[@]}" -X PUT -H 'Content-Type: image/tiff' --data-binary @"$1" \
    "$base/rest/workspaces/unmix/coveragestores/$2/file.geotiff?coverageName=$2" > /dev/null
}
wcs() { # coverage name -> an input referencing it through GeoServer's internal WCS
  echo "<wps:Input><ows:Identifier>$1</ows:Identifier><wps:Reference mimeType=\"image/tiff\" xlink:href=\"http://geoserver/wcs?service=WCS&amp;version=2.0.1&amp;request=GetCoverage&amp;coverageId=unmix__$2&amp;format=image/tiff\"/></wps:Input>"
}
literal() { echo "<wps:Input><ows:Identifier>$1</ows:Identifier><wps:Data><wps:LiteralData>$2</wps:LiteralData></wps:Data></wps:Input>"; }
execute() { # process, output, output mime type, inputs...
  local process="$1" output="$2" mime="$3"; shift 3
  cat <<XML
<wps:Execute version="1.0.0" service="WPS" xmlns:wps="http://www.opengis.net/wps/1.0.0"
  xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
  <ows:Identifier>$process</ows:Identifier>
  <wps:DataInputs>$*</wps:DataInputs>
  <wps:ResponseForm><wps:RawDataOutput mimeType="$mime"><ows:Identifier>$output</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
</wps:Execute>
XML
}
five="evapotranspiration=894,precipitation=376,temp_ave=16.6,temp_max=23.7,temp_min=10.1"
dates=(20240501 20240611 20240721)
publish "$fixtures/dem.tif" dem
for d in "${dates[@]}"; do publish "$fixtures/date_$d.tif" "date_$d"; publish "$fixtures/mask_$d.tif" "mask_$d"; done
publish "$fixtures/after.tif" after

# A DEM from the catalog and an area of interest
area=$(cat "$fixtures/area.txt")
java -jar target/rgbunmix.jar run --raster samples/scene.tif --dem "$fixtures/dem.tif" --area "$area" \
  --ancillary-values "$five" --level N1 --models models --no-pictures --out "$work/cli-dem" > "$work/cli-dem.log" 2>&1
execute unmix:EstimateAbundances result application/json "$(wcs raster scene)" "$(wcs dem dem)" \
  "$(literal ancillaryValues "$five")" "$(literal area "$area")" "$(literal level N1)" > "$work/execute-dem.xml"
post "$work/execute-dem.xml" "$work/result-dem.json"
check "DEM coverage from the catalog + area = rgbunmix run --dem --area (every column)" \
  $py "$outputs" features "$work/result-dem.json" "$work/cli-dem/abundances.csv"

# A composite of three cloudy dates with their masks, all coverages of the catalog
cli_dates=() ; gs_dates=""
for d in "${dates[@]}"; do
  cli_dates+=(--raster "$fixtures/date_$d.tif" --mask "$fixtures/mask_$d.tif")
  gs_dates+="$(wcs raster "date_$d")"
done
for d in "${dates[@]}"; do gs_dates+="$(wcs mask "mask_$d")"; done
java -jar target/rgbunmix.jar run "${cli_dates[@]}" --ancillary samples/scene-ancillary.geojson --level N2 \
  --models models --no-pictures --out "$work/cli-composite" > "$work/cli-composite.log" 2>&1
execute unmix:EstimateAbundances result application/json "$gs_dates" \
  "<wps:Input><ows:Identifier>ancillary</ows:Identifier><wps:Data><wps:ComplexData mimeType=\"application/json\"><![CDATA[$(cat samples/scene-ancillary.geojson)]]></wps:ComplexData></wps:Data></wps:Input>" \
  "$(literal level N2)" > "$work/execute-composite.xml"
post "$work/execute-composite.xml" "$work/result-composite.json"
check "3-date composite of cloudy coverages with their masks = rgbunmix run --raster x3 --mask x3 (every column)" \
  $py "$outputs" features "$work/result-composite.json" "$work/cli-composite/abundances.csv"

# A change between two coverages
java -jar target/rgbunmix.jar change --before samples/scene.tif --after "$fixtures/after.tif" \
  --ancillary samples/scene-ancillary.geojson --level N1 --models models --no-pictures --out "$work/cli-change" \
  > "$work/cli-change.log" 2>&1
change_inputs="$(wcs before scene)$(wcs after after)<wps:Input><ows:Identifier>ancillary</ows:Identifier><wps:Data><wps:ComplexData mimeType=\"application/json\"><![CDATA[$(cat samples/scene-ancillary.geojson)]]></wps:ComplexData></wps:Data></wps:Input>$(literal level N1)"
execute unmix:EstimateChange change application/json "$change_inputs" > "$work/execute-change.xml"
post "$work/execute-change.xml" "$work/result-change.json"
check "unmix:EstimateChange over two coverages = rgbunmix change (every column)" \
  $py "$outputs" features "$work/result-change.json" "$work/cli-change/change.csv"

# The LifeWatch batch on the two published sample windows
java -jar target/rgbunmix.jar batch --images "$samples/input/RGB satellite images folder" \
  --ancillary "$samples/input/Environmental ancillary data CSV file.csv" --level N1 --models models \
  --out "$work/cli-batch" > "$work/cli-batch.log" 2>&1
execute unmix:EstimateAbundancesBatch result text/csv \
  "<wps:Input><ows:Identifier>images</ows:Identifier><wps:Data><wps:ComplexData mimeType=\"application/zip\" encoding=\"base64\">$(base64 -w0 "$fixtures/windows.zip")</wps:ComplexData></wps:Data></wps:Input>" \
  "$(literal level N1)" > "$work/execute-batch.xml"
post "$work/execute-batch.xml" "$work/result-batch.csv"
check "unmix:EstimateAbundancesBatch on the two sample windows = rgbunmix batch" \
  $py "$outputs" csv "$work/result-batch.csv" "$work/cli-batch/Abundance estimation results at level N1.csv"

# Progress and Dismiss of the new processes, asynchronously
async() { # process, output, inputs... -> an asynchronous Execute, its result by reference
  local process="$1" output="$2"; shift 2
  execute "$process" "$output" application/json "$@" | sed "s#<wps:ResponseForm>.*</wps:ResponseForm>#<wps:ResponseForm><wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\"><wps:Output asReference=\"true\"><ows:Identifier>$output</ows:Identifier></wps:Output></wps:ResponseDocument></wps:ResponseForm>#"
}
async unmix:EstimateChange change "$change_inputs$(literal stride 112)" > "$work/execute-change-async.xml"
post "$work/execute-change-async.xml" "$work/accepted-change.xml"
running=$(execution_id "$work/accepted-change.xml")
percents=""
for _ in $(seq 1 240); do
  status_of "$running" "$work/status-change.xml"
  grep -q 'ProcessSucceeded\|ProcessFailed' "$work/status-change.xml" && break
  percents+=" $(grep -o 'percentCompleted="[0-9]*"' "$work/status-change.xml" | head -1 | grep -o '[0-9]*' || true)"
  sleep 0.5
done
echo "  percentCompleted seen:$percents"
check "async unmix:EstimateChange reports percentCompleted between 0 and 100, then succeeds" \
  bash -c "grep -q ProcessSucceeded '$work/status-change.xml' && echo '$percents' | grep -qE ' ([1-9]|[1-9][0-9])( |$)'"
async unmix:Echo echo "$(literal message hola)$(literal pause 30)" > "$work/execute-echo.xml"
post "$work/execute-echo.xml" "$work/accepted-echo.xml"
dismiss_running echo "$work/accepted-echo.xml"
check "Dismiss of a running unmix:Echo (30 s pause) after progress: dismissed, then unknown" \
  dismissed echo 'percentCompleted="[1-9]'
# every kind of value: a bounding box (GeoServer's ReferencedEnvelope), a repeated literal, a mixed-type document
cat > "$work/execute-echo-kinds.xml" <<XML
<wps:Execute version="1.0.0" service="WPS" xmlns:wps="http://www.opengis.net/wps/1.0.0"
  xmlns:ows="http://www.opengis.net/ows/1.1">
  <ows:Identifier>unmix:Echo</ows:Identifier>
  <wps:DataInputs>
    <wps:Input><ows:Identifier>box</ows:Identifier><wps:Data><wps:BoundingBoxData crs="EPSG:4326" dimensions="2"><ows:LowerCorner>-4.8 37.8</ows:LowerCorner><ows:UpperCorner>-4.7 37.9</ows:UpperCorner></wps:BoundingBoxData></wps:Data></wps:Input>
    $(literal numbers 1)$(literal numbers 2)
    <wps:Input><ows:Identifier>document</ows:Identifier><wps:Data><wps:ComplexData mimeType="application/geo+json"><![CDATA[{"type": "Point", "coordinates": [-4.8, 37.9]}]]></wps:ComplexData></wps:Data></wps:Input>
  </wps:DataInputs>
  <wps:ResponseForm><wps:RawDataOutput mimeType="application/geo+json"><ows:Identifier>echoedDocument</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>
</wps:Execute>
XML
curl -s -X POST -H 'Content-Type: text/xml' --data-binary @"$work/execute-echo-kinds.xml" "$base/wps" -o "$work/echo-kinds.json"
head -c 200 "$work/echo-kinds.json" | sed 's/^/  /'; echo
check "unmix:Echo takes a bounding box, a repeated literal and a GeoJSON document, and echoes the document" \
  grep -q '"Point"' "$work/echo-kinds.json"

# Three bad inputs, each answered with an ExceptionReport located at the input
refused() { # name, locator, inputs... of estimate-abundances
  local name="$1" locator="$2"; shift 2
  execute unmix:EstimateAbundances result application/json "$@" > "$work/bad-$name.xml"
  curl -s -X POST -H 'Content-Type: text/xml' --data-binary @"$work/bad-$name.xml" "$base/wps" -o "$work/bad-$name-answer.xml"
  grep -o 'locator="[^"]*"' "$work/bad-$name-answer.xml" | head -1 | sed "s/^/  $name: /"
  grep -o '<ows:ExceptionText>[^<]*' "$work/bad-$name-answer.xml" | head -1 | sed 's/<ows:ExceptionText>/    /'
  grep -q "locator=\"$locator\"" "$work/bad-$name-answer.xml"
}
check "stride 0 is refused, locator stride" refused stride stride "$(wcs raster scene)" "$(literal ancillaryValues "$five,elevation=500,slope=5")" "$(literal stride 0)"
check "two masks for three dates are refused, locator mask" refused masks mask \
  "$(wcs raster date_20240501)$(wcs raster date_20240611)$(wcs raster date_20240721)$(wcs mask mask_20240501)$(wcs mask mask_20240611)" \
  "$(literal ancillaryValues "$five,elevation=500,slope=5")"
check "band names on a coverage are refused, locator bands" refused bands bands "$(wcs raster scene)" \
  "$(literal ancillaryValues "$five,elevation=500,slope=5")" "$(literal bands B04,B03,B02)"

# --- GeoServer's limits: the maximum asynchronous execution time stops a run -----------------
stop_geoserver
sed -i 's#<maxAsynchronousExecutionTime>[0-9]*</maxAsynchronousExecutionTime>#<maxAsynchronousExecutionTime>5</maxAsynchronousExecutionTime>#' "$data/wps.xml"
grep -o '<maxAsynchronousExecutionTime>[0-9]*' "$data/wps.xml" | sed 's/^/  wps.xml: /'
start_geoserver
post "$work/execute-long.xml" "$work/accepted-limit.xml"
limited=$(execution_id "$work/accepted-limit.xml")
for _ in $(seq 1 60); do
  curl -sf "$base/ows?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=$limited" -o "$work/status-limit.xml"
  grep -q 'ProcessSucceeded\|ProcessFailed' "$work/status-limit.xml" && break
  sleep 1
done
grep -o 'went beyond the configured limits[^<]*' "$work/status-limit.xml" | head -1 | sed 's/^/  /'
check "a 5 s asynchronous time limit stops a 6,400-window run" \
  bash -c "grep -q 'ProcessFailed' '$work/status-limit.xml' && grep -q 'limits of maxExecutionTime 5 seconds' '$work/status-limit.xml'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
