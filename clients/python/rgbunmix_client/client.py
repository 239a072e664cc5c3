"""An OGC API - Processes client over urllib: process descriptions, synchronous execution, jobs with
progress, cancel and timeouts, results and rgbunmix's map legend. A refusal or a failure raises ApiError
(or JobFailed) with the server's own words, from its RFC 7807 problem."""
from __future__ import annotations

import base64
import json
import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

Json = Dict[str, Any]
Progress = Callable[[float, str], None]
"""Told each change of a job: its progress in % and its message."""

_MEDIA_TYPES = {
    ".tif": "image/tiff", ".tiff": "image/tiff", ".jp2": "image/jp2", ".zip": "application/zip",
    ".geojson": "application/geo+json", ".json": "application/geo+json", ".gml": "application/gml+xml",
    ".csv": "text/csv",
}


class ApiError(Exception):
    """The server refused, or could not be reached; the message is for the user, in the server's words.

    ``status`` is the HTTP status (None when the server was not reached), ``detail`` the problem's detail."""

    def __init__(self, message: str, status: Optional[int] = None, detail: Optional[str] = None) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


class JobFailed(ApiError):
    """A job ended failed or dismissed; the message is the server's reason."""

    def __init__(self, message: str, job: str, status: Optional[int] = None, detail: Optional[str] = None) -> None:
        super().__init__(message, status, detail)
        self.job = job


class Cancelled(Exception):
    """The caller cancelled a job while waiting for it; the job was dismissed on the server."""


def media_type_of(path: str) -> str:
    """The media type a file is sent as, from its extension."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in _MEDIA_TYPES:
        raise ValueError("cannot tell the media type of {} from its extension; name it".format(path))
    return _MEDIA_TYPES[extension]


def file_input(path: str, media_type: Optional[str] = None) -> Json:
    """A local file as an inline input value: GeoJSON as itself, anything else base64-encoded."""
    media_type = media_type or media_type_of(path)
    if "json" in media_type:
        with open(path, "r", encoding="utf-8") as data:
            return {"value": json.load(data), "mediaType": media_type}
    with open(path, "rb") as data:
        return {"value": base64.b64encode(data.read()).decode("ascii"), "mediaType": media_type,
                "encoding": "base64"}


def reference_input(href: str, media_type: str) -> Json:
    """An input the server fetches itself (it must allow the URL: references.allow)."""
    return {"href": href, "type": media_type}


def collection_input(collection_url: str, datetime: Optional[str] = None) -> Json:
    """An image input given as a STAC API collection (``<API>/collections/<id>``), searched over the execution's
    ``area`` in ``datetime`` (``2024-05-01/2024-09-30``; none: every date); the server must allow the API
    (references.allow)."""
    given = {"collection": collection_url}
    if datetime:
        given["datetime"] = datetime
    return given


class Client:
    """One server. ``token`` is sent as ``Authorization: Bearer`` (the shared token, or a user's OpenID
    Connect access token); ``timeout`` bounds each HTTP request, in seconds."""

    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.token = token or ""
        self.timeout = timeout

    def _request(self, method: str, path: str, body: Optional[bytes] = None,
                 headers: Optional[Mapping[str, str]] = None, timeout: Optional[float] = None
                 ) -> Tuple[int, Any, bytes]:
        url = path if path.startswith(("http://", "https://")) else self.url + path
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Accept", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as e:
            message, detail = self._problem(e.code, e.read())
            raise ApiError(message, e.code, detail) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise ApiError("cannot reach {}: {}".format(self.url, reason)) from None

    @staticmethod
    def _problem(status: int, body: bytes) -> Tuple[str, Optional[str]]:
        """'HTTP 400, invalid input: ...' from a problem document, and its detail."""
        try:
            problem = json.loads(body.decode("utf-8"))
            words = ": ".join(p for p in (problem.get("title"), problem.get("detail")) if p)
            return "HTTP {}, {}".format(status, words or body[:200]), problem.get("detail")
        except (ValueError, AttributeError):
            return "HTTP {}".format(status), None

    def json(self, path: str) -> Json:
        """A JSON document of the server (a path, or a URL the server gave)."""
        return json.loads(self._request("GET", path)[2].decode("utf-8"))

    # discovery

    def processes(self) -> List[Json]:
        """Every process summary, following the list's 'next' links."""
        summaries: List[Json] = []
        page = self.json("/processes?limit=1000")
        while True:
            summaries.extend(page.get("processes", []))
            following = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
            if not following:
                return summaries
            page = self.json(following[0])

    def process(self, process_id: str) -> Json:
        """A process's description: its inputs' and outputs' JSON Schemas."""
        return self.json("/processes/" + process_id)

    # execution

    @staticmethod
    def _request_document(inputs: Mapping[str, Any], outputs: Optional[Mapping[str, Any]]) -> Json:
        request: Json = {"inputs": dict(inputs)}
        if outputs is not None:
            request["outputs"] = dict(outputs)
        return request

    def execute(self, process_id: str, inputs: Mapping[str, Any], outputs: Optional[Mapping[str, Any]] = None,
                timeout: Optional[float] = None) -> Json:
        """Runs a process synchronously; its results document (outputs inline, or as links)."""
        body = json.dumps(self._request_document(inputs, outputs)).encode("utf-8")
        answer = self._request("POST", "/processes/{}/execution".format(process_id), body,
                               {"Content-Type": "application/json"}, timeout=timeout or max(self.timeout, 600))
        return json.loads(answer[2].decode("utf-8"))

    def submit(self, process_id: str, inputs: Mapping[str, Any], outputs: Optional[Mapping[str, Any]] = None) -> Job:
        """Starts a job (Prefer: respond-async) and returns at once."""
        return Job(self, self.execute_async(process_id, self._request_document(inputs, outputs)))

    def execute_async(self, process_id: str, request: Mapping[str, Any]) -> str:
        """Starts a job from a whole execute request; its id."""
        status, headers, body = self._request("POST", "/processes/{}/execution".format(process_id),
                                              json.dumps(request).encode("utf-8"),
                                              {"Content-Type": "application/json", "Prefer": "respond-async"})
        info = json.loads(body.decode("utf-8")) if body else {}
        if info.get("jobID"):
            return info["jobID"]
        location = headers.get("Location", "")
        if "/jobs/" in location:
            return location.rstrip("/").rsplit("/", 1)[1]
        raise ApiError("the server answered HTTP {} without a job".format(status), status)

    def run(self, process_id: str, inputs: Mapping[str, Any], outputs: Optional[Mapping[str, Any]] = None,
            progress: Optional[Progress] = None, cancelled: Optional[Callable[[], bool]] = None,
            timeout: Optional[float] = None) -> Job:
        """Starts a job and waits for it to succeed (see Job.wait); the finished job."""
        job = self.submit(process_id, inputs, outputs)
        job.wait(progress=progress, cancelled=cancelled, timeout=timeout)
        return job

    # jobs

    def job(self, job_id: str) -> Job:
        return Job(self, job_id)

    def jobs(self, process_id: Optional[str] = None, status: Optional[Sequence[str]] = None,
             datetime: Optional[str] = None) -> List[Json]:
        """The jobs this caller may see, newest first (the first 1000), of ``process_id`` only, in one of the
        ``status`` values (accepted, running, successful, failed, dismissed), created in ``datetime`` (an RFC 3339
        instant or interval, ``..`` for an open end), each when given."""
        query = [("limit", "1000")]
        if process_id is not None:
            query.append(("processID", process_id))
        if status:
            query.append(("status", ",".join(status)))
        if datetime is not None:
            query.append(("datetime", datetime))
        return self.json("/jobs?" + urllib.parse.urlencode(query)).get("jobs", [])

    def collection_url(self, job_id: str) -> str:
        """The OGC API - Features collection of a finished job's windows, which QGIS and ArcGIS Pro add as a
        layer (QGIS: provider ``OAPIF`` with ``url='<server>' typename='<job id>'``)."""
        return "{}/collections/{}".format(self.url, job_id)

    def items(self, job_id: str, bbox: Optional[Sequence[float]] = None, page_size: int = 1000,
              **equal: Any) -> Iterator[Json]:
        """A finished job's windows as GeoJSON features, page after page, those meeting ``bbox`` (minlon, minlat,
        maxlon, maxlat) and whose attributes equal ``equal``'s values, each when given."""
        query = [("limit", str(page_size))]
        if bbox is not None:
            query.append(("bbox", ",".join(repr(float(v)) for v in bbox)))
        query.extend((name, str(value)) for name, value in equal.items())
        page = self.json("/collections/{}/items?{}".format(job_id, urllib.parse.urlencode(query)))
        while True:
            yield from page.get("features", [])
            following = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
            if not following:
                return
            page = self.json(following[0])

    def status(self, job_id: str) -> Json:
        return self.json("/jobs/" + job_id)

    def dismiss(self, job_id: str) -> None:
        self._request("DELETE", "/jobs/" + job_id)

    def results(self, job_id: str) -> Json:
        return self.json("/jobs/{}/results".format(job_id))

    def result(self, job_id: str, output: str) -> bytes:
        """One output's bytes."""
        return self._request("GET", "/jobs/{}/results/{}".format(job_id, output), timeout=max(self.timeout, 600))[2]

    def download(self, job_id: str, output: str, path: str) -> str:
        """Writes one output to ``path`` (streamed); the path."""
        url = "{}/jobs/{}/results/{}".format(self.url, job_id, output)
        request = urllib.request.Request(url, headers={"Authorization": "Bearer " + self.token} if self.token else {})
        try:
            with urllib.request.urlopen(request, timeout=max(self.timeout, 600)) as response, open(path, "wb") as out:
                shutil.copyfileobj(response, out)
        except urllib.error.HTTPError as e:
            message, detail = self._problem(e.code, e.read())
            raise ApiError(message, e.code, detail) from None
        return path

    def legend(self, job_id: str) -> Optional[Json]:
        """rgbunmix's map legend of a job (classes, names, colours), or None from another server."""
        try:
            return self.json("/jobs/{}/legend".format(job_id))
        except (ApiError, ValueError):
            return None


class Job:
    """A job on the server."""

    def __init__(self, client: Client, job_id: str) -> None:
        self.client = client
        self.id = job_id

    def __repr__(self) -> str:
        return "Job({!r} at {})".format(self.id, self.client.url)

    def status(self) -> Json:
        return self.client.status(self.id)

    def wait(self, progress: Optional[Progress] = None, cancelled: Optional[Callable[[], bool]] = None,
             timeout: Optional[float] = None, interval: float = 1.0) -> Json:
        """Polls the job until it ends; its final status when it succeeded.

        ``progress`` is told each change of progress or message; when ``cancelled`` answers True, the job is
        dismissed and Cancelled raised. A failed job raises JobFailed with the server's reason. After
        ``timeout`` seconds, TimeoutError is raised and the job is left running (dismiss it, or wait again)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        told = None
        while True:
            if cancelled is not None and cancelled():
                self.dismiss()
                raise Cancelled("job {} was cancelled, and dismissed on the server".format(self.id))
            info = self.status()
            state = info.get("status")
            now = (float(info.get("progress") or 0), info.get("message") or "")
            if progress is not None and now != told:
                progress(*now)
                told = now
            if state == "successful":
                return info
            if state in ("failed", "dismissed"):
                try:
                    self.client.results(self.id)   # a failed job's results answer its problem, in the server's words
                except ApiError as e:
                    raise JobFailed("job {} {}: {}".format(self.id, state, e), self.id, e.status, e.detail) from None
                raise JobFailed("job {} {}: {}".format(self.id, state, now[1]), self.id)
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("job {} still {} after {} s; it goes on on the server".format(
                    self.id, state, timeout))
            time.sleep(interval)

    def results(self) -> Json:
        return self.client.results(self.id)

    def result(self, output: str) -> bytes:
        return self.client.result(self.id, output)

    def download(self, output: str, path: str) -> str:
        return self.client.download(self.id, output, path)

    def legend(self) -> Optional[Json]:
        return self.client.legend(self.id)

    def collection_url(self) -> str:
        return self.client.collection_url(self.id)

    def items(self, bbox: Optional[Sequence[float]] = None, page_size: int = 1000, **equal: Any) -> Iterator[Json]:
        return self.client.items(self.id, bbox, page_size, **equal)

    def dismiss(self) -> None:
        self.client.dismiss(self.id)
