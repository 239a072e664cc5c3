#!/usr/bin/python3
"""Soak check of a real rgbunmix server: mixed requests over WPS and OGC API - Processes, with the
server killed (kill -9) and restarted during the run.

    scripts/soak.py [--requests 1000] [--kills 2] [--clients 4] [--report soak.json]

Needs target/rgbunmix.jar (./rgbunmix builds it, or mvn -B package), the trained models in models/,
gdal_translate (Debian gdal-bin) to cut the test rasters from samples/scene.tif, and only Python's
standard library. It reports:
  - every accepted asynchronous job and its final state: none may be lost (unknown to the server,
    or never finished), whatever the kills;
  - every result (synchronous, and asynchronous ones that succeeded) checked by value against a
    synchronous run of the same input made before the first kill;
  - bad requests answered 4xx, and requests cut by a kill (no answer: never accepted);
  - peak RSS of the server processes, and the work folder's size once finished jobs expired.
Exit code 0 when nothing was lost, every result matched and every bad request got a 4xx.
"""
import argparse
import base64
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCILLARY = ("evapotranspiration=894.2,precipitation=376.1,elevation=519.7,slope=6.1,"
             "temp_ave=16.6,temp_max=23.7,temp_min=10.1")
WPS_NS = ('xmlns:wps="http://www.opengis.net/wps/1.0.0" xmlns:ows="http://www.opengis.net/ows/1.1" '
          'xmlns:xlink="http://www.w3.org/1999/xlink"')
EXPIRY_HOURS = 0.02   # 72 s: finished jobs expire during the run's final wait


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One rgbunmix server process at a time on a fixed port and work folder; peak RSS sampled."""

    def __init__(self, jar, config, log):
        self.jar, self.config, self.log = jar, config, log
        self.process = None
        self.peak_rss_kib = 0
        self.lives = 0
        self.up = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def start(self, base):
        self.process = subprocess.Popen(["java", "-Xmx1g", "-jar", self.jar, "serve", "--config", self.config],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.lives += 1
        for _ in range(600):
            try:
                with urllib.request.urlopen(base + "/wps?service=WPS&request=GetCapabilities", timeout=5):
                    self.up.set()
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise SystemExit("soak: the server did not start; see the server log")

    def kill(self):
        self.up.clear()
        self._sample_once()
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self._sample_once()
        self.process.terminate()
        self.process.wait()

    def _sample_once(self):
        try:
            with open("/proc/%d/status" % self.process.pid) as status:
                for line in status:
                    if line.startswith("VmHWM:"):   # the process's peak resident size so far
                        self.peak_rss_kib = max(self.peak_rss_kib, int(line.split()[1]))
        except (OSError, AttributeError):
            pass

    def _sample(self):
        while True:
            self._sample_once()
            time.sleep(0.5)


def request(url, data=None, headers=None, method=None, timeout=600):
    """(status, headers, body bytes); status None when no answer came (connection refused or cut)."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
    except (urllib.error.URLError, ConnectionError, OSError):
        return None, {}, b""


def wps_execute(raster_b64, level, store, ancillary_json=None):
    if ancillary_json is None:
        ancillary = ('<wps:Input><ows:Identifier>ancillaryValues</ows:Identifier><wps:Data><wps:LiteralData>'
                     + ANCILLARY + '</wps:LiteralData></wps:Data></wps:Input>')
    else:
        ancillary = ('<wps:Input><ows:Identifier>ancillary</ows:Identifier><wps:Data><wps:ComplexData '
                     'mimeType="application/json"><![CDATA[' + ancillary_json + ']]></wps:ComplexData></wps:Data>'
                     '</wps:Input>')
    form = ('<wps:ResponseDocument storeExecuteResponse="true" status="true"><wps:Output asReference="false" '
            'mimeType="application/json"><ows:Identifier>result</ows:Identifier></wps:Output></wps:ResponseDocument>'
            if store else '<wps:RawDataOutput mimeType="application/json"><ows:Identifier>result</ows:Identifier>'
                          '</wps:RawDataOutput>')
    return ('<wps:Execute service="WPS" version="1.0.0" ' + WPS_NS + '><ows:Identifier>unmix:EstimateAbundances'
            '</ows:Identifier><wps:DataInputs><wps:Input><ows:Identifier>raster</ows:Identifier><wps:Data>'
            '<wps:ComplexData mimeType="image/tiff" encoding="base64">' + raster_b64 + '</wps:ComplexData></wps:Data>'
            '</wps:Input>' + ancillary + '<wps:Input><ows:Identifier>level</ows:Identifier><wps:Data><wps:LiteralData>'
            + level + '</wps:LiteralData></wps:Data></wps:Input></wps:DataInputs><wps:ResponseForm>' + form
            + '</wps:ResponseForm></wps:Execute>').encode()


def ogc_execute(raster_b64, level, raw):
    body = {"inputs": {"raster": {"value": raster_b64, "mediaType": "image/tiff"}, "ancillaryValues": ANCILLARY,
                       "level": level},
            "outputs": {"result": {"format": {"mediaType": "application/geo+json"}}}}
    if raw:
        body["response"] = "raw"
    return json.dumps(body).encode()


def abundances(geojson):
    """window id -> every numeric property, from a result FeatureCollection."""
    return {f["properties"]["window_id"]: {k: v for k, v in f["properties"].items()
                                           if isinstance(v, (int, float)) and not isinstance(v, bool)}
            for f in geojson["features"]}


def same(a, b, tolerance=1e-4):
    if a.keys() != b.keys():
        return False
    return all(x.keys() == b[w].keys() and all(abs(x[k] - b[w][k]) <= tolerance for k in x) for w, x in a.items())


BAD = [
    ("wps", "GET", "/wps?service=WPS&version=1.0.0&request=Execute&identifier=unmix:Nothing", None),
    ("wps", "POST", "/wps", b"<not xml"),
    ("wps", "GET", "/wps?service=WPS&version=9.9.9&request=DescribeProcess&identifier=unmix:Echo", None),
    ("wps", "GET", "/wps?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=x", None),
    ("ogc", "POST", "/processes/echo/execution", b'{"inputs": {"message": "x", "pause": "soon"}}'),
    ("ogc", "POST", "/processes/estimate-abundances/execution", b'{"inputs": {"raster": {"value": "%%%"}}}'),
    ("ogc", "GET", "/jobs/not-a-job", None),
    ("ogc", "GET", "/jobs?limit=0", None),
]


class Soak:
    def __init__(self, args, base, rasters, ancillary_json):
        self.args, self.base, self.rasters, self.ancillary_json = args, base, rasters, ancillary_json
        self.lock = threading.Lock()
        self.baseline = {}
        self.accepted = {}       # id -> {"via", "kind", "key", "dismissed"}
        self.counts = {}
        self.mismatches = []
        self.checked = 0
        self.bad_not_4xx = []
        self.random = random.Random(20261126)

    def count(self, name):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + 1

    def make_baseline(self):
        for name, b64 in self.rasters.items():
            for level in ("N1", "N2"):
                status, _, body = request(self.base + "/processes/estimate-abundances/execution",
                                          ogc_execute(b64, level, True), {"Content-Type": "application/json"})
                if status != 200:
                    raise SystemExit("soak: baseline run failed: %s %s" % (status, body[:300]))
                self.baseline[(name, level, "values")] = abundances(json.loads(body))
            status, _, body = request(self.base + "/wps", wps_execute(b64, "N1", False, self.ancillary_json),
                                      {"Content-Type": "text/xml"})
            if status != 200:
                raise SystemExit("soak: baseline run failed: %s %s" % (status, body[:300]))
            self.baseline[(name, "N1", "features")] = abundances(json.loads(body))

    def check(self, key, geojson, what):
        matches = same(abundances(geojson), self.baseline[key])
        with self.lock:
            self.checked += 1
            if not matches:
                self.mismatches.append((what, key))

    def one(self, i):
        r = self.random
        with self.lock:
            kind = r.choices(["wps_sync", "ogc_sync", "wps_async", "ogc_async", "dismiss", "bad", "meta"],
                             [20, 15, 15, 15, 10, 15, 10])[0]
            name = r.choice(sorted(self.rasters))
            level = r.choice(["N1", "N2"])
            features = r.random() < 0.3
            bad = r.choice(BAD)
            via = r.choice(["wps", "ogc"])
        b64 = self.rasters[name]
        base = self.base
        if kind == "wps_sync":
            level = "N1" if features else level
            status, _, body = request(base + "/wps", wps_execute(b64, level, False,
                                                                 self.ancillary_json if features else None),
                                      {"Content-Type": "text/xml"})
            if status == 200:
                self.check((name, level, "features" if features else "values"), json.loads(body), "wps sync")
        elif kind == "ogc_sync":
            status, _, body = request(base + "/processes/estimate-abundances/execution", ogc_execute(b64, level, True),
                                      {"Content-Type": "application/json"})
            if status == 200:
                self.check((name, level, "values"), json.loads(body), "ogc sync")
        elif kind == "wps_async":
            status, _, body = request(base + "/wps", wps_execute(b64, level, True), {"Content-Type": "text/xml"})
            found = re.search(rb"executionId=([0-9a-f-]{36})", body)
            if status == 200 and found:
                self.accept(found.group(1).decode(), "wps", (name, level, "values"))
        elif kind == "ogc_async":
            status, headers, body = request(base + "/processes/estimate-abundances/execution",
                                            ogc_execute(b64, level, False),
                                            {"Content-Type": "application/json", "Prefer": "respond-async"})
            if status == 201:
                self.accept(json.loads(body)["jobID"], "ogc", (name, level, "values"))
        elif kind == "dismiss":
            if via == "wps":
                status, _, body = request(base + "/wps?service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo"
                                          "&DataInputs=message%3Dx%3Bpause%3D30&storeExecuteResponse=true&status=true")
                found = re.search(rb"executionId=([0-9a-f-]{36})", body)
                job = found.group(1).decode() if status == 200 and found else None
            else:
                status, _, body = request(base + "/processes/echo/execution",
                                          b'{"inputs": {"message": "x", "pause": 30}}',
                                          {"Content-Type": "application/json", "Prefer": "respond-async"})
                job = json.loads(body)["jobID"] if status == 201 else None
            if job:
                self.accept(job, via, None)
                time.sleep(0.2)
                answer = (request(base + "/wps?service=WPS&version=1.0.0&request=Dismiss&executionId=" + job)
                          if via == "wps" else request(base + "/jobs/" + job, method="DELETE"))
                if answer[0] == 200:
                    with self.lock:
                        self.accepted[job]["dismissed"] = True
        elif kind == "bad":
            interface, method, path, data = bad
            headers = {"Content-Type": "text/xml" if interface == "wps" else "application/json"} if data else {}
            status, _, body = request(base + path, data, headers, method)
            if status is not None and not 400 <= status < 500:
                with self.lock:
                    self.bad_not_4xx.append((path, status, body[:200].decode(errors="replace")))
        else:
            path = r.choice(["/wps?service=WPS&request=GetCapabilities",
                             "/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=all",
                             "/processes?limit=1", "/jobs?limit=5", "/conformance", "/"])
            status, _, _ = request(base + path)
        self.count(kind + (" answered" if status is not None else " cut by a kill (no answer)"))

    def accept(self, job, via, key):
        with self.lock:
            self.accepted[job] = {"via": via, "key": key, "dismissed": False}

    def final_state(self, job, info, deadline):
        """Polls a job through the interface that accepted it until it ends; its final state."""
        while time.time() < deadline:
            if info["via"] == "wps":
                status, _, body = request(self.base + "/wps?service=WPS&version=1.0.0&request=GetExecutionStatus"
                                                      "&executionId=" + job)
                text = body.decode(errors="replace")
                if status is None:
                    state = None
                elif "<wps:ProcessSucceeded" in text:
                    if info["key"]:
                        data = re.search(r"<!\[CDATA\[(.*?)\]\]>", text, re.S)
                        self.check(info["key"], json.loads(data.group(1)), "wps async")
                    return "successful"
                elif "<wps:ProcessFailed" in text:
                    return "failed: " + (re.search(r"<ows:ExceptionText>(.*?)</", text, re.S) or [None, "?"])[1]
                elif "ExceptionReport" in text:
                    return "dismissed" if info["dismissed"] else "LOST (unknown to the server)"
                else:
                    state = "running"
            else:
                status, _, body = request(self.base + "/jobs/" + job)
                if status == 404:
                    return "dismissed" if info["dismissed"] else "LOST (unknown to the server)"
                if status == 200:
                    document = json.loads(body)
                    if document["status"] == "successful":
                        if info["key"]:
                            _, _, results = request(self.base + "/jobs/" + job + "/results")
                            self.check(info["key"], json.loads(results)["result"], "ogc async")
                        return "successful"
                    if document["status"] in ("failed", "dismissed"):
                        return document["status"] + (": " + document.get("message", "") if
                                                     document["status"] == "failed" else "")
            time.sleep(0.5)
        return "LOST (never finished)"


def folder_size(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(folder, name))
            except OSError:
                pass
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--jar", default=os.path.join(ROOT, "target", "rgbunmix.jar"))
    parser.add_argument("--report", default="soak-report.json")
    args = parser.parse_args()
    if not os.path.isfile(args.jar):
        raise SystemExit("soak: %s is missing; build it first (./rgbunmix --help, or mvn -B package)" % args.jar)
    scratch = tempfile.mkdtemp(prefix="rgbunmix-soak-")
    work = os.path.join(scratch, "work")
    rasters = {}
    for name, window in {"a": ["0", "0", "448", "448"], "b": ["896", "896", "448", "224"]}.items():
        path = os.path.join(scratch, name + ".tif")
        subprocess.run(["gdal_translate", "-q", "-srcwin"] + window + [os.path.join(ROOT, "samples", "scene.tif"),
                                                                        path], check=True)
        rasters[name] = base64.b64encode(open(path, "rb").read()).decode()
    ancillary_json = open(os.path.join(ROOT, "samples", "scene-ancillary.geojson")).read()
    port = free_port()
    config = os.path.join(scratch, "server.yaml")
    with open(config, "w") as f:
        f.write("engine:\n  models: %s\n  batchSize: 16\n  threads: 1\n" % os.path.join(ROOT, "models")
                + "server:\n  host: 127.0.0.1\n  port: %d\n  workDir: %s\n" % (port, work)
                + "jobs:\n  syncThreads: 4\n  asyncThreads: 4\n  queue: 200\n  expiryHours: %s\n" % EXPIRY_HOURS)
    base = "http://127.0.0.1:%d" % port
    log = open(os.path.join(scratch, "server.log"), "ab")
    server = Server(args.jar, config, log)
    server.start(base)
    soak = Soak(args, base, rasters, ancillary_json)
    began = time.time()
    soak.make_baseline()

    kill_at = [args.requests * (k + 1) // (args.kills + 1) for k in range(args.kills)]
    issued = [0]
    issued_lock = threading.Lock()
    restarts = []

    def client():
        while True:
            with issued_lock:
                i = issued[0]
                if i >= args.requests:
                    return
                issued[0] += 1
                kill_now = i in kill_at
            if kill_now:
                accepted_so_far = len(soak.accepted)
                server.kill()
                server.start(base)
                restarts.append({"after_request": i, "accepted_so_far": accepted_so_far})
                continue
            server.up.wait()
            soak.one(i)

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    requests_done = time.time()

    deadline = time.time() + 900
    states = {}
    for job, info in sorted(soak.accepted.items()):
        states[job] = soak.final_state(job, info, deadline)
    tally = {}
    for state in states.values():
        label = state.split(":")[0]
        tally[label] = tally.get(label, 0) + 1
    lost = [j for j, s in states.items() if s.startswith("LOST")]
    run_seconds = time.time() - began

    # finished jobs expire after EXPIRY_HOURS; the cleaner runs every minute
    time.sleep(EXPIRY_HOURS * 3600 + 75)
    jobs_left = len(os.listdir(os.path.join(work, "jobs")))
    staging_left = sum(len(files) for _, _, files in os.walk(os.path.join(work, "staging")))
    spooled_left = len(os.listdir(os.path.join(work, "requests")))
    work_bytes = folder_size(work)
    server.stop()

    report = {
        "requests": args.requests, "clients": args.clients, "server_lives": server.lives,
        "kills": restarts, "answers": soak.counts,
        "accepted_async_jobs": len(states), "final_states": tally, "lost": lost,
        "failed_jobs": {j: s for j, s in states.items() if s.startswith("failed")},
        "results_checked_against_sync_baseline": {"checked": soak.checked, "mismatches": soak.mismatches},
        "bad_requests_not_4xx": soak.bad_not_4xx,
        "peak_rss_mib": round(server.peak_rss_kib / 1024, 1),
        "after_expiry": {"job_folders": jobs_left, "staging_files": staging_left, "spooled_bodies": spooled_left,
                         "work_folder_bytes": work_bytes},
        "seconds": {"requests": round(requests_done - began, 1), "until_all_final": round(run_seconds, 1)},
    }
    with open(args.report, "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))
    shutil.rmtree(scratch, ignore_errors=True)
    ok = not lost and not soak.mismatches and not soak.bad_not_4xx
    print("soak: %s" % ("PASS" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
