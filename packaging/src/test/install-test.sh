#!/usr/bin/env bash
# The Debian package as an operator meets it: installed with dpkg, its files where they belong, the
# unit's ExecStart line started as the unit's user with the unit's environment, one job run through the
# installed settings, and the package purged again. Needs root (or sudo): it installs a package.
# Usage: install-test.sh TARGET_DIR SCENE.tif   (the scene's ancillary GeoJSON lies beside it)
set -euo pipefail
target="$1"
scene="$2"
ancillary="${scene%.tif}-ancillary.geojson"
deb="$(ls "$target"/rgbunmix_*_all.deb)"
say() { echo "install-test: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "the package test installs $deb: run it as root, or with sudo"
  as_root=(sudo)
fi
if dpkg -s rgbunmix >/dev/null 2>&1; then
  fail "a package rgbunmix is installed on this machine already; the test would replace it (dpkg --purge rgbunmix first)"
fi

server_pid=""
work="$(mktemp -d)"
cleanup() {
  if [ -n "$server_pid" ]; then "${as_root[@]}" kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  "${as_root[@]}" dpkg --purge rgbunmix >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

say "dpkg -i $(basename "$deb")"
"${as_root[@]}" dpkg -i "$deb" >&2 || fail "dpkg -i refused the package"

# where its files are
for path in /opt/rgbunmix/rgbunmix.jar /opt/rgbunmix/rgbunmix /opt/rgbunmix/models /etc/rgbunmix/server.yaml \
    /lib/systemd/system/rgbunmix.service /etc/default/rgbunmix /var/lib/rgbunmix; do
  [ -e "$path" ] || fail "$path is missing"
done
[ -x /usr/bin/rgbunmix ] || fail "/usr/bin/rgbunmix is not the launcher"
getent passwd rgbunmix >/dev/null || fail "no user rgbunmix"
[ "$(stat -c %U:%a /var/lib/rgbunmix)" = rgbunmix:750 ] || fail "/var/lib/rgbunmix is $(stat -c %U:%a /var/lib/rgbunmix), not rgbunmix:750"
[ "$(stat -c %U:%G:%a /etc/rgbunmix/server.yaml)" = root:rgbunmix:640 ] || fail "/etc/rgbunmix/server.yaml is not root:rgbunmix 640"
grep -q '^  models: /opt/rgbunmix/models$' /etc/rgbunmix/server.yaml || fail "the installed settings do not name /opt/rgbunmix/models"
dpkg-query -W -f='${Conffiles}\n' rgbunmix | grep -q /etc/rgbunmix/server.yaml || fail "server.yaml is not a conffile"

# the unit's own lines: its user, environment and command
unit=/lib/systemd/system/rgbunmix.service
user="$(sed -n 's/^User=//p' "$unit")"
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
[ "$user" = rgbunmix ] || fail "the unit runs as '$user'"
environment=()
while IFS= read -r line; do environment+=("$line"); done < <(sed -n 's/^Environment=//p' "$unit"; grep -v '^#' /etc/default/rgbunmix | grep '=')
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
say "as $user: $exec_start --port $port"
# shellcheck disable=SC2086
"${as_root[@]}" runuser -u "$user" -- env "${environment[@]}" $exec_start --port "$port" > "$work/server.log" 2>&1 &
server_pid=$!

/usr/bin/python3 - "$port" "$scene" "$ancillary" "$work" "$server_pid" <<'PY' || { cat "$work/server.log" >&2; exit 1; }
import base64, json, os, sys, time, urllib.request, urllib.error
port, scene, ancillary, work, pid = sys.argv[1:6]
base = "http://127.0.0.1:%s" % port
for attempt in range(240):
    try:
        with urllib.request.urlopen(base + "/ready", timeout=5) as answer:
            ready = json.load(answer)
            break
    except (urllib.error.URLError, ConnectionError):
        if not os.path.exists("/proc/" + pid):
            sys.exit("install-test: the installed server stopped before it was ready")
        time.sleep(0.5)
else:
    sys.exit("install-test: the installed server did not get ready in 120 s")
print("install-test: ready:", json.dumps(ready), file=sys.stderr)
with open(scene, "rb") as f:
    raster = base64.b64encode(f.read()).decode()
with open(ancillary) as f:
    features = json.load(f)
body = json.dumps({"inputs": {"raster": {"mediaType": "image/tiff", "value": raster}, "ancillary": features,
                              "level": "N1"},
                   "outputs": {"result": {"format": {"mediaType": "application/geo+json"}}}, "response": "raw"}).encode()
request = urllib.request.Request(base + "/processes/estimate-abundances/execution", data=body,
                                 headers={"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=300) as answer:
    job = answer.headers["Location"].rsplit("/", 1)[-1]
    result = json.load(answer)
windows = result["features"]
assert len(windows) == 100, "expected the scene's 100 windows, got %d" % len(windows)
assert all("dominant_class" in w["properties"] for w in windows), windows[0]["properties"]
with open(work + "/job", "w") as f:
    f.write(job)
print("install-test: job %s: %d windows, the first one %s" % (job, len(windows),
      windows[0]["properties"]["dominant_class"]), file=sys.stderr)
PY
job="$(cat "$work/job")"
# the unit's heap bound reached the JVM (the launcher turns RGBUNMIX_HEAP into -Xmx)
ps -u "$user" -o args= | grep -q -- "-Xmx2g .*-jar /opt/rgbunmix/rgbunmix.jar serve" \
  || fail "the server does not run in the unit's bounded heap: $(ps -u "$user" -o args=)"
[ "$("${as_root[@]}" stat -c %U "/var/lib/rgbunmix/jobs/$job")" = rgbunmix ] || fail "the job's folder is not under /var/lib/rgbunmix, owned by rgbunmix"
grep -q "settings from /etc/rgbunmix/server.yaml" "$work/server.log" || { cat "$work/server.log" >&2; fail "the start line does not name the installed settings"; }
say "passed: installed, started as $user through /etc/rgbunmix/server.yaml, job $job in /var/lib/rgbunmix/jobs"
