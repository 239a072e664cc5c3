#!/usr/bin/python3
"""Helpers of scripts/geoserver/integration.sh: GeoServer's answers against the standalone rgbunmix's.

compare_outputs.py describe GEOSERVER.xml STANDALONE.xml
    every process of the standalone DescribeProcess (identifier=ALL) is in GeoServer's, and each input has the
    same identifier, minOccurs, maxOccurs and default (numbers compared as numbers)
compare_outputs.py features RESULT.json CLI.csv
    every feature equals the command line's row of the same window (row, col): each numeric column to 1e-5,
    the others exactly, but for the names of the sources a column gives ('mask': a file's name on the command
    line, the coverage's in GeoServer), compared without the file extension; every CLI row is there
compare_outputs.py csv RESULT.csv CLI.csv
    the same header, and each cell equal (numbers to 1e-5)
"""
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET

OWS = "{http://www.opengis.net/ows/1.1}"


def sources(text):
    """A column naming its sources, without their file extensions: 'mask_1.tif (nonzero pixels)' as 'mask_1 (...)'."""
    return re.sub(r"\.(tif|tiff|jp2)\b", "", str(text))


def same(a, b):
    try:
        return abs(float(a) - float(b)) <= 1e-5
    except (TypeError, ValueError):
        return str(a).lower() == str(b).lower()


def inputs_of(path):
    processes = {}
    for process in ET.parse(path).iter("ProcessDescription"):
        ident = process.find(OWS + "Identifier").text
        inputs = []
        for e in process.iter("Input"):
            default = e.find(".//DefaultValue")
            inputs.append((e.find(OWS + "Identifier").text, e.get("minOccurs"), e.get("maxOccurs"),
                           None if default is None else default.text))
        processes[ident] = inputs
    return processes


def describe(geoserver, standalone):
    gs, ours = inputs_of(geoserver), inputs_of(standalone)
    ok = True
    for ident, inputs in ours.items():
        theirs = gs.get(ident)
        if theirs is None:
            print(f"  {ident}: not in GeoServer's DescribeProcess")
            ok = False
            continue
        bad = [(a, b) for a, b in zip(inputs, theirs)
               if a[0] != b[0] or a[1] != b[1] or a[2] != b[2] or not ((a[3] is None and b[3] is None) or same(a[3], b[3]))]
        if len(inputs) != len(theirs) or bad:
            ok = False
            print(f"  {ident}: {len(inputs)} inputs here, {len(theirs)} in GeoServer; differing: {bad}")
        else:
            print(f"  {ident}: {len(inputs)} inputs, identifier, minOccurs, maxOccurs and default the same")
    return ok


def features(result, cli):
    with open(cli, newline="") as f:
        rows = {(int(r["row"]), int(r["col"])): r for r in csv.DictReader(f)}
    got = json.load(open(result))["features"]
    worst, mismatched, columns = 0.0, [], 0
    for feature in got:
        p = feature["properties"]
        ref = rows.get((int(p["row"]), int(p["col"])))
        if ref is None:
            mismatched.append(("no CLI window", p["row"], p["col"]))
            continue
        for name, value in ref.items():
            if name not in p:
                mismatched.append(("missing column", name))
                continue
            columns = max(columns, len(ref))
            try:
                worst = max(worst, abs(float(p[name]) - float(value)))
            except (TypeError, ValueError):
                if not same(sources(p[name]), sources(value)):
                    mismatched.append((name, p[name], value))
    print(f"  {len(got)} windows of {len(rows)} compared, {columns} columns each, largest difference {worst:.2e}; "
          f"{len(mismatched)} mismatches {mismatched[:3]}")
    return len(got) == len(rows) and worst <= 1e-5 and not mismatched


def tables(result, cli):
    a = list(csv.reader(open(result, newline="")))
    b = list(csv.reader(open(cli, newline="")))
    cells = [(x, y) for ra, rb in zip(a[1:], b[1:]) for x, y in zip(ra, rb)]
    bad = [c for c in cells if not same(*c)]
    print(f"  {len(a) - 1} rows, {len(a[0])} columns; header same: {a[0] == b[0]}; differing cells: {len(bad)}")
    return a[0] == b[0] and len(a) == len(b) and not bad


if __name__ == "__main__":
    kind, first, second = sys.argv[1:4]
    check = {"describe": describe, "features": features, "csv": tables}[kind]
    sys.exit(0 if check(first, second) else 1)
