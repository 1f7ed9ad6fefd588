"""Concurrent load against one URL on 127.0.0.1: wrk (preferred) or a small Python thread client.

Both are bounded in time (and the Python client also in count), and both return the same
Result. Every request sends the headers a browser would (gzip, the session cookie).
"""

import http.client
import json
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from .report import percentile

LUA = Path(__file__).resolve().parent / "wrk_report.lua"
MAX_PYTHON_REQUESTS = 100_000
BROWSER_HEADERS = {
    "Accept": "text/html,application/json;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate",
}


class Result(NamedTuple):
    requests: int
    seconds: float
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    errors: int


def _check_local(url):
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"the benchmark only targets 127.0.0.1, not {url}")


def find_wrk():
    return shutil.which("wrk")


def headers_for(cookie):
    headers = dict(BROWSER_HEADERS)
    if cookie:
        headers["Cookie"] = cookie
    return headers


def fetch(url, cookie=None, timeout=10):
    """One GET without following redirects: (status, body bytes). Used to check a page answers 200."""
    _check_local(url)
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(
            "GET",
            parts.path + (f"?{parts.query}" if parts.query else ""),
            headers=headers_for(cookie),
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def parse_wrk(output):
    """The BENCH line printed by wrk_report.lua → Result."""
    match = re.search(r"^BENCH (\{.*\})$", output, re.M)
    if not match:
        raise RuntimeError(f"wrk printed no BENCH line:\n{output[-2000:]}")
    data = json.loads(match.group(1))
    seconds = data["duration_us"] / 1e6
    errors = sum(
        data[k]
        for k in (
            "errors_connect",
            "errors_read",
            "errors_write",
            "errors_status",
            "errors_timeout",
        )
    )
    done = data["requests"]
    return Result(
        done,
        seconds,
        done / seconds if seconds else 0.0,
        data["p50_us"] / 1000 if done else None,
        data["p95_us"] / 1000 if done else None,
        errors,
    )


def run_wrk(url, *, cookie=None, seconds=5, connections=4, threads=1, timeout_s=10, wrk=None):
    _check_local(url)
    command = [
        wrk or find_wrk() or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout_s}s",
        "-s",
        str(LUA),
    ]
    for name, value in headers_for(cookie).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + timeout_s + 30
    )
    if finished.returncode:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr.strip()[-2000:]}")
    return parse_wrk(finished.stdout)


def run_python(
    url, *, cookie=None, seconds=5, connections=4, max_requests=MAX_PYTHON_REQUESTS, timeout_s=10
):
    """Keep-alive connections in threads, each looping until the deadline or the shared request cap."""
    _check_local(url)
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = headers_for(cookie)
    latencies, errors, lock = [], [0], threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout_s)
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            with lock:
                if len(latencies) + len(mine) >= max_requests:
                    break
            t = time.perf_counter()
            try:
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
                mine.append(time.perf_counter() - t)
                if len(mine) % 200 == 0:
                    with lock:
                        latencies.extend(mine)
                    mine = []
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout_s)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(seconds + timeout_s + 5)
    elapsed = time.perf_counter() - started
    done = len(latencies)
    ms = [x * 1000 for x in latencies]
    return Result(
        done,
        elapsed,
        done / elapsed if elapsed else 0.0,
        percentile(ms, 50),
        percentile(ms, 95),
        errors[0],
    )


def cpu_busy(seconds=1.0):
    """The share (0–1) of all CPUs busy over `seconds`, from /proc/stat; None where there is none.

    Measured while the server idles, it shows what other processes take from the benchmark.
    """

    def sample():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields[:8]), idle

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    total = total1 - total0
    return None if total <= 0 else max(0.0, 1 - (idle1 - idle0) / total)


def run(tool, url, **kwargs):
    return run_wrk(url, **kwargs) if tool == "wrk" else run_python(url, **kwargs)


WRITES_LUA = """
local cases = {%s}
local share = math.floor(#cases / %d)
offset = 0  -- a global: thread:set() in setup() gives each thread its own (a local would stay 0 in every thread)
local n = 0
setup = function(thread)
  thread:set("offset", offset)
  offset = offset + share
end
request = function()
  n = n + 1
  if n > share then
    -- this thread's writers have all written once: never write one twice (a replacement is not
    -- what is measured); what follows is refused as a bad token and shows as errors
    return wrk.format("POST", cases[1][1], {["Content-Type"] = "application/json", ["Authorization"] = "Bearer spent"}, cases[1][2])
  end
  local c = cases[offset + n]
  return wrk.format("POST", c[1], {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. c[3]}, c[2])
end
"""


def _lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk_writes(base_url, cases, *, seconds=5, connections=16, threads=2, wrk=None):
    """POST each (path, json body, token) at most once, each wrk thread over its own share of the
    cases; non-2xx answers count as errors. A thread that has spent its share sends a refused
    token ("spent"), so more requests than cases never write a case twice, however fast or slow
    the machine is."""
    import tempfile

    _check_local(base_url)
    table = ",".join(f"{{{_lua_string(p)},{_lua_string(b)},{_lua_string(t)}}}" for p, b, t in cases)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            WRITES_LUA % (table, threads)
        )  # each wrk thread starts its own share of the cases
        script.write(LUA.read_text())
    command = [
        wrk or find_wrk() or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout=10s",
        "-s",
        script.name,
        base_url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    Path(script.name).unlink(missing_ok=True)
    return parse_wrk(output)
