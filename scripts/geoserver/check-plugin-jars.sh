#!/usr/bin/env bash
# Compares the plugin zip with a GeoServer war's WEB-INF/lib and fails on any artifact that
# both hold (whatever the versions): the plugin must add only what GeoServer lacks.
#   scripts/geoserver/check-plugin-jars.sh geoserver/target/rgbunmix-geoserver-*-plugin.zip /path/to/geoserver/WEB-INF/lib
set -euo pipefail
if [ $# -ne 2 ] || [ ! -f "$1" ] || [ ! -d "$2" ]; then
  echo "usage: $0 PLUGIN.zip GEOSERVER/WEB-INF/lib" >&2
  exit 2
fi
# An artifact's name is its jar's name up to the version: the first '-' followed by a digit.
names() { sed -E 's#.*/##; s/\.jar$//; s/-[0-9].*$//' | sort -u; }
plugin=$(unzip -Z1 "$1" | grep '\.jar$' | names)
geoserver=$(ls "$2" | grep '\.jar$' | names)
echo "plugin jars: $(echo "$plugin" | wc -l), GeoServer jars: $(echo "$geoserver" | wc -l)"
echo "$plugin" | sed 's/^/  plugin: /'
duplicates=$(comm -12 <(echo "$plugin") <(echo "$geoserver"))
if [ -n "$duplicates" ]; then
  echo "FAIL: the plugin duplicates what GeoServer already has:" >&2
  echo "$duplicates" | sed 's/^/  /' >&2
  exit 1
fi
echo "OK: no artifact of the plugin is in GeoServer's WEB-INF/lib"
