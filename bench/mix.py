"""The mixed scenario: a neighborhood's traffic, not one person asking for one page.

Several hundred distinct signed-in residents (one per household, each with their own session,
CSRF cookie and language) ask for a mix of pages drawn from real use — home, the forum's list
and its later pages, many different topics (a few popular, a long tail), decisions,
consultations, requests, the guide's search, notifications — and a few percent of requests
write: replies, supports, ballots and requests, each a person's first of its kind on that
object. wrk drives it (one Lua script; each request picks a resident and a page at random);
the report gives req/s, p50/p95/p99, errors by kind, the share of pages answered from the page
cache (the X-Page-Cache header) and the lookups of every cache the server counts (/metrics).

`build(...)` runs in the harness's process (Django set up): it creates the sessions and the
API tokens and checks one write of each kind through Django's test client; `run(...)` needs
only the server's URL.
"""

import json
import random
import re
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

from .load import LUA, _check_local, _lua_string, find_wrk, parse_wrk
from .report import rounded

# Shares of reads (they add up to 1); writes are WRITE_SHARE of all requests.
READ_MIX = {
    "home": 0.14,
    "forum list": 0.14,
    "forum later pages": 0.08,
    "topic": 0.26,
    "decision": 0.08,
    "consultation": 0.06,
    "request list": 0.06,
    "request": 0.04,
    "guide": 0.08,
    "notifications": 0.03,
    "talent": 0.03,
}
WRITE_MIX = {"reply": 0.4, "support": 0.35, "ballot": 0.15, "request": 0.1}
WRITE_SHARE = 0.03
GUIDE_WORDS = [
    "电池",
    "kqsp",
    "newpaper",
    "塑料瓶",
    "玻璃",
    "外卖盒",
    "旧衣服",
    "药",
    "纸箱",
    "灯泡",
]


def population(n, seed=7):
    """n verified residents of the demo neighborhood, one per household, the English speakers
    among them kept: [(pk, username, language)]."""
    from linli.community.models import Resident

    rows = list(
        Resident.objects.filter(
            household__neighborhood__slug="binjiang",
            verified_at__isnull=False,
            is_active=True,
        )
        .order_by("household_id", "pk")
        .values_list("pk", "username", "language", "household_id")
    )
    first, seen = [], set()
    for pk, username, language, household in rows:
        if household not in seen:
            seen.add(household)
            first.append((pk, username, language or "zh-hans"))
    rng = random.Random(seed)
    english = [p for p in first if p[2] == "en"]
    others = [p for p in first if p[2] != "en"]
    rng.shuffle(others)
    return (english + others)[:n]


def sessions_for(people):
    """A session in the database and a CSRF secret per person: {pk: (cookie header, csrf secret)}."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string

    from linli.community.models import Resident
    from linli.core.sessions import SessionStore

    by_pk = Resident.objects.in_bulk([p[0] for p in people])
    out = {}
    for pk, _username, language in people:
        person = by_pk[pk]
        session = SessionStore()
        session[SESSION_KEY] = str(pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.create()
        secret = _get_new_csrf_string()
        cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={secret}"
        if language == "en":
            cookie += f"; {settings.LANGUAGE_COOKIE_NAME}=en"
        out[pk] = (cookie, secret)
    return out


def _weighted(rng, items, k, skew=1.1):
    """k picks of items, the first ones far more often (a long tail)."""
    weights = [1 / (i + 1) ** skew for i in range(len(items))]
    return rng.choices(items, weights=weights, k=k) if items else []


def read_pages(rng, topic_count=200):
    """{kind: [paths]} of what residents read."""
    from linli.consult.models import Consultation
    from linli.decide.models import Decision
    from linli.forum.models import Topic
    from linli.office.models import Request

    topics = list(
        Topic.objects.filter(neighborhood__slug="binjiang", visibility="public", hidden=False)
        .order_by("-last_activity_at", "-id")
        .values_list("pk", "last_activity_at")[:100]
    )
    cursors = [
        f"/forum/n/binjiang/?after={quote(f'{when.isoformat()}_{pk}')}"
        for pk, when in (topics[19], topics[39], topics[59], topics[79])
        if topics
    ][: len(topics) // 20]
    hot = list(
        Topic.objects.filter(neighborhood__slug="binjiang", visibility="public", hidden=False)
        .order_by("-hot", "-id")
        .values_list("pk", flat=True)[:topic_count]
    )
    from linli.decide.bench import SPEED_TITLE

    decisions = list(
        Decision.objects.filter(neighborhood__slug="binjiang")
        .exclude(title=SPEED_TITLE)
        .values_list("pk", flat=True)[:20]
    )
    consultations = list(
        Consultation.objects.filter(neighborhood__slug="binjiang").values_list("pk", flat=True)[:20]
    )
    requests = list(
        Request.objects.filter(neighborhood__slug="binjiang", public=True)
        .order_by("-pk")
        .values_list("pk", flat=True)[:100]
    )
    return {
        "home": ["/"],
        "forum list": ["/forum/n/binjiang/", "/forum/n/binjiang/?sort=hot"],
        "forum later pages": cursors or ["/forum/n/binjiang/"],
        "topic": [f"/forum/t/{pk}/" for pk in hot],
        "decision": [f"/decide/{pk}/" for pk in decisions],
        "consultation": [f"/consult/{pk}/" for pk in consultations],
        "request list": [
            "/office/n/binjiang/requests/",
            "/office/n/binjiang/requests/?status=open",
        ],
        "request": [f"/office/requests/{pk}/" for pk in requests],
        "guide": [f"/sorting/n/binjiang/?q={quote(w)}" for w in GUIDE_WORDS],
        "notifications": ["/notifications/"],
        "talent": ["/talent/n/binjiang/"],
    }


def write_cases(rng, people, sessions, count):
    """[(kind, method, path, headers, body)]: each a person's first write of its kind on its object."""
    from linli.forum.models import Support, Topic
    from linli.office.models import Category

    topics = list(
        Topic.objects.filter(
            neighborhood__slug="binjiang", visibility="public", hidden=False, is_closed=False
        )
        .order_by("-hot")
        .values_list("pk", flat=True)[:200]
    )
    supported = set(
        Support.objects.filter(target="t", topic_id__in=topics).values_list("person_id", "topic_id")
    )
    categories = list(
        Category.objects.filter(neighborhood__slug="binjiang", active=True).values_list(
            "pk", flat=True
        )
    )
    cases, pairs = [], set()
    kinds = list(WRITE_MIX)
    for i in range(count * 4):
        if len(cases) >= count:
            break
        kind = rng.choices(kinds, weights=[WRITE_MIX[k] for k in kinds])[0]
        pk = rng.choice(people)[0]
        cookie, secret = sessions[pk]
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        if kind == "reply" and topics:
            topic = _weighted(rng, topics, 1)[0]
            body = urlencode(
                {
                    "csrfmiddlewaretoken": secret,
                    "body": f"第{i}条：{rng.choice(['同意', '我也遇到过', '谢谢分享', '周末可以一起看看'])}，楼号{rng.randint(1, 28)}。",
                }
            )
            cases.append(("reply", "POST", f"/forum/t/{topic}/reply/", headers, body))
        elif kind == "support" and topics:
            topic = _weighted(rng, topics, 1)[0]
            if (pk, topic) in supported or (pk, topic) in pairs:
                continue
            pairs.add((pk, topic))
            body = urlencode({"csrfmiddlewaretoken": secret})
            cases.append(("support", "POST", f"/forum/t/{topic}/support/", headers, body))
        elif kind == "request" and categories:
            body = urlencode(
                {
                    "csrfmiddlewaretoken": secret,
                    "category": rng.choice(categories),
                    "description": f"第{i}号：楼道灯不亮了，晚上看不清台阶，麻烦尽快修一下。",
                    "public": "on",
                }
            )
            cases.append(("request", "POST", "/office/n/binjiang/requests/new/", headers, body))
    return cases


def ballot_cases(count):
    """Ballots through the API for a new open decision (linli/decide/bench.py's speed decision)."""
    from linli.decide import bench as decide_bench

    from .data import _tokens_for

    cases = decide_bench._ballot_cases()[:count]
    tokens = _tokens_for({u for _, _, u in cases})
    return [
        (
            "ballot",
            "POST",
            path,
            {"Content-Type": "application/json", "Authorization": f"Bearer {tokens[u]}"},
            json.dumps(body),
        )
        for path, body, u in cases
        if u in tokens
    ]


def check_reads(reads, cookie):
    """Only the paths a resident gets a 200 for (a draft decision answers 404): Django's test
    client, once per distinct path."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)
    for part in cookie.split("; "):
        name, _, value = part.partition("=")
        client.cookies[name] = value
    ok = {path for path in set(reads) if client.get(path).status_code == 200}
    return [path for path in reads if path in ok], sorted(set(reads) - ok)


def server_cpu_seconds(pgid):
    """User + system CPU seconds of every process in the server's process group (Linux /proc)."""
    import os

    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, …
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def check_writes(cases):
    """One case of each kind through Django's test client: {kind: status}. A kind whose first
    case fails is dropped from the run (and reported), so a broken form is not measured as load."""
    from django.test import Client

    statuses, kept, tried = {}, [], set()
    for case in cases:
        kind, method, path, headers, body = case
        if kind in tried:
            kept.append(case)
            continue
        tried.add(kind)
        client = Client(HTTP_HOST="127.0.0.1")
        extra = {
            "HTTP_COOKIE": headers.get("Cookie", ""),
            "HTTP_AUTHORIZATION": headers.get("Authorization", ""),
        }
        for part in headers.get("Cookie", "").split("; "):
            if "=" in part:
                name, value = part.split("=", 1)
                client.cookies[name] = value
        response = client.generic(method, path, body, content_type=headers["Content-Type"], **extra)
        statuses[kind] = response.status_code
        # the case was written now: it is not sent again
    return {k: s for k, s in statuses.items()}, [c for c in kept if statuses.get(c[0], 500) < 400]


def cleanup():
    from linli.decide import bench as decide_bench

    decide_bench._remove_speed_decisions()


MIX_LUA = """
local people = {%(people)s}
local reads = {%(reads)s}
local writes = {%(writes)s}
local write_share = %(write_share)f
local threads = {}
offset = 0
local share = math.floor(#writes / %(threads)d)
setup = function(thread)
  thread:set("offset", offset)
  thread:set("seed", offset + 17)
  offset = offset + share
  table.insert(threads, thread)
end
-- globals: each thread has its own, and thread:get() reads them in done()
n, hits, misses, wrote, write_errors, read_errors = 0, 0, 0, 0, 0, 0
last_was_read = true
init = function(args)
  math.randomseed(seed or 1)
end
request = function()
  if n < share and math.random() < write_share then
    n = n + 1
    last_was_read = false
    local w = writes[offset + n]
    return wrk.format("POST", w[1], w[2], w[3])
  end
  last_was_read = true
  local p = people[math.random(#people)]
  local path = reads[math.random(#reads)]
  return wrk.format("GET", path, {["Cookie"] = p, ["Accept"] = "text/html", ["Accept-Encoding"] = "gzip"})
end
response = function(status, headers, body)
  if last_was_read then
    if status >= 400 then read_errors = read_errors + 1 end
    if headers["X-Page-Cache"] == "hit" then hits = hits + 1 else misses = misses + 1 end
  else
    wrote = wrote + 1
    if status >= 400 then write_errors = write_errors + 1 end
  end
end
"""

MIX_DONE = """
local done_pages = done
done = function(summary, latency, requests)
  local h, m, w, we, re = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0)
    m = m + (t:get("misses") or 0)
    w = w + (t:get("wrote") or 0)
    we = we + (t:get("write_errors") or 0)
    re = re + (t:get("read_errors") or 0)
  end
  io.write(string.format('MIX {"hits":%d,"misses":%d,"writes":%d,"write_errors":%d,"read_errors":%d}\\n', h, m, w, we, re))
  done_pages(summary, latency, requests)
end
"""


def _headers_lua(headers):
    return "{" + ",".join(f"[{_lua_string(k)}]={_lua_string(v)}" for k, v in headers.items()) + "}"


def build(n_people=300, seconds=20, seed=11, out=print):
    """Sessions, pages and write cases for one run. Returns a dict for run()."""
    from django.db import connections

    rng = random.Random(seed)
    cleanup()  # an earlier run's speed decision, before the pages are chosen (it is removed later)
    people = population(n_people)
    sessions = sessions_for(people)
    pages = read_pages(rng)
    # reads: a list drawn with the mix's shares, each kind's paths with a long tail
    reads = []
    for kind, share in READ_MIX.items():
        reads += _weighted(rng, pages[kind], max(1, int(share * 4000)))
    reads, dropped = check_reads(reads, sessions[people[-1][0]][0])
    if dropped:
        out(f"  mix: left out {len(dropped)} pages a resident cannot see, e.g. {dropped[:3]}")
    # enough writes for a fast run: WRITE_SHARE of ~400 req/s
    wanted = int(400 * seconds * WRITE_SHARE * 1.5) + 20
    cases = write_cases(rng, people, sessions, int(wanted * 0.85))
    cases += ballot_cases(int(wanted * 0.15) + 1)
    rng.shuffle(cases)
    statuses, cases = check_writes(cases)
    out(
        f"  mix: {len(people)} residents ({sum(1 for p in people if p[2] == 'en')} in English), "
        f"{len(set(reads))} distinct pages, {len(cases)} writes ready; "
        f"first write of each kind: {statuses}"
    )
    connections.close_all()
    return {
        "people": [sessions[p[0]][0] for p in people],
        "reads": reads,
        "writes": cases,
        "checked": statuses,
        "residents": len(people),
        "distinct_pages": len(set(reads)),
    }


def metrics_counts(base_url):
    """{series: value} of the cache counters in /metrics (all workers)."""
    from .load import fetch

    try:
        status, body = fetch(base_url + "/metrics")
    except OSError:
        return {}
    if status != 200:
        return {}
    counts = {}
    for line in body.decode(errors="replace").splitlines():
        match = re.match(
            r'^(linli_(?:page_cache|fragment_cache)_lookups_total)\{result="(\w+)"\} ([\d.e+]+)',
            line,
        )
        if match:
            counts[f"{match.group(1)}:{match.group(2)}"] = float(match.group(3))
    return counts


def run(base_url, plan, *, seconds=20, connections=16, threads=2, wrk=None, pgid=None):
    """One wrk run of the mix. Returns a dict: rps, p50/p95/p99, errors, hit rates."""
    _check_local(base_url)
    people = ",".join(_lua_string(c) for c in plan["people"])
    reads = ",".join(_lua_string(p) for p in plan["reads"])
    writes = ",".join(
        f"{{{_lua_string(path)},{_headers_lua(headers)},{_lua_string(body)}}}"
        for _kind, _method, path, headers, body in plan["writes"]
    )
    script = MIX_LUA % {
        "people": people,
        "reads": reads,
        "writes": writes,
        "write_share": WRITE_SHARE,
        "threads": threads,
    }
    before = metrics_counts(base_url)
    cpu_before = server_cpu_seconds(pgid) if pgid else None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
        f.write(LUA.read_text())
        f.write(MIX_DONE)
    command = [
        wrk or find_wrk() or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout=10s",
        "-s",
        f.name,
        base_url,
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    Path(f.name).unlink(missing_ok=True)
    if "MIX {" not in finished.stdout:
        raise RuntimeError(
            f"wrk printed no MIX line:\n{finished.stdout[-2000:]}\n{finished.stderr[-2000:]}"
        )
    result = parse_wrk(finished.stdout)
    extra = json.loads(re.search(r"^MIX (\{.*\})$", finished.stdout, re.M).group(1))
    p99 = (
        json.loads(re.search(r"^BENCH (\{.*\})$", finished.stdout, re.M).group(1))["p99_us"] / 1000
    )
    cpu = server_cpu_seconds(pgid) - cpu_before if pgid else None
    after = metrics_counts(base_url)
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    looked = extra["hits"] + extra["misses"]

    def rate(name):
        hit, miss = delta.get(f"{name}:hit", 0), delta.get(f"{name}:miss", 0)
        return round(hit / (hit + miss), 3) if hit + miss else None

    return {
        "rps": rounded(result.rps),
        "p50_ms": rounded(result.p50_ms, 2),
        "p95_ms": rounded(result.p95_ms, 2),
        "p99_ms": rounded(p99, 2),
        "requests": result.requests,
        # what the load costs the server, whoever else uses the machine: CPU per request
        "server_cpu_ms_per_request": rounded(cpu * 1000 / result.requests, 2)
        if cpu is not None and result.requests
        else None,
        "errors": result.errors,
        "read_errors": extra["read_errors"],
        "writes": extra["writes"],
        "write_errors": extra["write_errors"],
        "write_share": round(extra["writes"] / result.requests, 3) if result.requests else None,
        "page_cache_hit_rate": round(extra["hits"] / looked, 3) if looked else None,
        "cache_hit_rates": {
            "pages (server)": rate("linli_page_cache_lookups_total"),
            "fragments (server)": rate("linli_fragment_cache_lookups_total"),
        },
    }
