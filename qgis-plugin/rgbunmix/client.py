"""A small OGC API - Processes client over urllib: descriptions, asynchronous execution, status,
results and dismissal. Problems (RFC 7807) become ApiError with the server's own words."""
import json
import urllib.error
import urllib.request


class ApiError(Exception):
    """The server refused, or could not be reached; the message is for the user."""


class Client:
    def __init__(self, url, token="", timeout=30):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _request(self, method, path, body=None, headers=None):
        request = urllib.request.Request(path if path.startswith("http") else self.url + path, data=body,
                                         method=method)
        request.add_header("Accept", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as e:
            raise ApiError(self._problem(e.code, e.read())) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise ApiError("cannot reach {}: {}".format(self.url, reason)) from None

    @staticmethod
    def _problem(status, body):
        try:
            problem = json.loads(body.decode("utf-8"))
            words = ": ".join(p for p in (problem.get("title"), problem.get("detail")) if p)
            return "HTTP {}, {}".format(status, words or body[:200])
        except (ValueError, AttributeError):
            return "HTTP {}".format(status)

    def json(self, path):
        return json.loads(self._request("GET", path)[2].decode("utf-8"))

    def processes(self):
        """Every process summary, following the list's 'next' links."""
        summaries = []
        page = self.json("/processes?limit=1000")
        while True:
            summaries.extend(page.get("processes", []))
            following = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
            if not following:
                return summaries
            page = self.json(following[0])

    def process(self, process_id):
        return self.json("/processes/" + process_id)

    def execute_async(self, process_id, request):
        """Starts a job (Prefer: respond-async); its id."""
        status, headers, body = self._request("POST", "/processes/{}/execution".format(process_id),
                                              json.dumps(request).encode("utf-8"),
                                              {"Content-Type": "application/json", "Prefer": "respond-async"})
        info = json.loads(body.decode("utf-8")) if body else {}
        if info.get("jobID"):
            return info["jobID"]
        location = headers.get("Location", "")
        if "/jobs/" in location:
            return location.rstrip("/").rsplit("/", 1)[1]
        raise ApiError("the server answered HTTP {} without a job".format(status))

    def status(self, job):
        return self.json("/jobs/" + job)

    def dismiss(self, job):
        self._request("DELETE", "/jobs/" + job)

    def results(self, job):
        return self.json("/jobs/{}/results".format(job))

    def result(self, job, output):
        return self._request("GET", "/jobs/{}/results/{}".format(job, output))[2]

    def legend(self, job):
        """rgbunmix's map legend of a job (classes and colours), or None from another server."""
        try:
            return self.json("/jobs/{}/legend".format(job))
        except (ApiError, ValueError):
            return None
