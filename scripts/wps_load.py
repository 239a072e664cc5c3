#!/usr/bin/python3
"""Load check for the WPS server: N concurrent Execute requests of unmix:EstimateAbundances (half synchronous,
half asynchronous and then followed to their end), each answer classified; then GetExecutions confirms that no
accepted job was lost, and the server's peak RSS is read from /proc when its pid is given.

Usage: /usr/bin/python3 scripts/wps_load.py --url http://127.0.0.1:8080/wps [--requests 50] [--pid SERVER_PID]
Targets only the URL given (run it against a local server). Standard library only.
"""
import argparse
import base64
import concurrent.futures
import re
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def execute_xml(raster_b64, ancillary, asynchronous):
    form = ('<wps:ResponseDocument storeExecuteResponse="true" status="true">' if asynchronous
            else '<wps:ResponseDocument>') + ('<wps:Output asReference="true"><ows:Identifier>result</ows:Identifier>'
                                              '</wps:Output></wps:ResponseDocument>')
    return ('<wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0" '
            'xmlns:ows="http://www.opengis.net/ows/1.1"><ows:Identifier>unmix:EstimateAbundances</ows:Identifier>'
            '<wps:DataInputs><wps:Input><ows:Identifier>raster</ows:Identifier><wps:Data><wps:ComplexData '
            'mimeType="image/tiff" encoding="base64">' + raster_b64 + '</wps:ComplexData></wps:Data></wps:Input>'
            '<wps:Input><ows:Identifier>ancillary</ows:Identifier><wps:Data><wps:ComplexData mimeType="application/json">'
            '<![CDATA[' + ancillary + ']]></wps:ComplexData></wps:Data></wps:Input></wps:DataInputs>'
            '<wps:ResponseForm>' + form + '</wps:ResponseForm></wps:Execute>').encode("utf-8")


def call(url, body=None, timeout=600):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "text/xml"} if body else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def one(url, body, asynchronous):
    status, text = call(url, body)
    if status == 503 and 'exceptionCode="ServerBusy"' in text:
        return "busy", None
    if status != 200:
        return "invalid: HTTP %d %s" % (status, text[:200]), None
    if not asynchronous:
        return ("succeeded" if "<wps:ProcessSucceeded>" in text else "failed: " + text[:200]), None
    location = re.search(r'statusLocation="([^"]+)"', text)
    if "<wps:ProcessAccepted>" not in text or not location:
        return "invalid: no ProcessAccepted/statusLocation", None
    job = re.search(r"executionId=([0-9a-f-]{36})", location.group(1)).group(1)
    status_url = location.group(1).replace("&amp;", "&")
    while True:
        status, text = call(status_url)
        if "<wps:ProcessSucceeded>" in text:
            return "succeeded", job
        if "<wps:ProcessFailed>" in text or status != 200:
            return "failed: " + text[:200], job
        time.sleep(0.5)


def peak_rss_mib(pid):
    for line in Path("/proc/%d/status" % pid).read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--raster", default=str(HERE.parent / "samples" / "scene.tif"))
    parser.add_argument("--ancillary", default=str(HERE.parent / "samples" / "scene-ancillary.geojson"))
    parser.add_argument("--pid", type=int, help="server process id, to report its peak RSS")
    args = parser.parse_args()

    raster = base64.b64encode(Path(args.raster).read_bytes()).decode("ascii")
    ancillary = Path(args.ancillary).read_text()
    bodies = [(execute_xml(raster, ancillary, i % 2 == 1), i % 2 == 1) for i in range(args.requests)]
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.requests) as pool:
        results = list(pool.map(lambda b: one(args.url, b[0], b[1]), bodies))
    seconds = time.time() - started

    outcomes = {}
    for outcome, _ in results:
        key = outcome.split(":")[0]
        outcomes[key] = outcomes.get(key, 0) + 1
    accepted = [job for _, job in results if job]
    _, listing = call(args.url + "?service=WPS&version=1.0.0&request=GetExecutions&maxFeatures=100000")
    missing = [job for job in accepted if job not in listing]
    print("requests: %d (%d sync, %d async) in %.1f s" % (args.requests, args.requests - args.requests // 2,
                                                           args.requests // 2, seconds))
    print("outcomes: " + ", ".join("%s %d" % kv for kv in sorted(outcomes.items())))
    print("async jobs accepted: %d, missing from GetExecutions: %d" % (len(accepted), len(missing)))
    if args.pid:
        print("server peak RSS: %.0f MiB" % peak_rss_mib(args.pid))
    problems = [o for o, _ in results if o not in ("succeeded", "busy")]
    for problem in problems[:5]:
        print("problem: " + problem)
    sys.exit(1 if problems or missing else 0)


if __name__ == "__main__":
    main()
