"""Three `linli serve` nodes behind Debian's nginx (deploy/nginx/linli.conf), on one
PostgreSQL, one Redis this test starts itself and an S3 emulator (moto's server).

Run with the PostgreSQL suite (`make test-postgres`); skipped where nginx, redis-server or
PostgreSQL is missing. Each node has its own var/ directory, as on separate machines.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.postgres

SETUP = """
import django; django.setup()
from linli.api.actions import token_create
from linli.community.models import Role
from linli.community.testing import make_tree, make_person, grant
tree = make_tree("cl")
staff = grant(make_person("clstaff", tree.buildings[0].homes[0]), Role.Kind.COMMITTEE_STAFF,
              neighborhood=tree.neighborhood)
make_person("clres", tree.buildings[0].homes[1])
_, secret = token_create(person=staff, name="cluster", scope="write")
print(secret)
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=240, source=None):
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {timeout} s")


class Cluster:
    def __init__(self, tmp):
        self.tmp = tmp
        self.processes = []
        self.redis = None

    def start(self, args, **kwargs):
        log = open(self.tmp / f"{len(self.processes)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        self.processes.append(process)
        return process

    def stop_all(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, 15)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)


def start_redis(cluster, port):
    return cluster.start(
        [
            "redis-server",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--bind",
            "127.0.0.1",
        ]
    )


def session_from(address):
    """A requests session whose connections leave from `address` (127.0.0.x): a client of its own."""
    import requests
    from requests.adapters import HTTPAdapter

    class Bound(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            kwargs["source_address"] = (address, 0)
            super().init_poolmanager(*args, **kwargs)

    session = requests.Session()
    session.mount("http://", Bound())
    return session


def login(session, base, username, password):
    page = session.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
    )


@pytest.fixture
def cluster(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    for tool in ("nginx", "redis-server"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            pytest.skip(f"{tool} is not installed")
    pytest.importorskip("moto")
    import psycopg

    params = connection.settings_dict
    server = f"postgres://{params['USER'] or 'postgres'}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    name = f"linli_cluster_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    group = Cluster(tmp_path)
    try:
        ports = {k: free_port() for k in ("redis", "s3", "nginx", "n1", "n2", "n3")}
        group.redis = start_redis(group, ports["redis"])
        group.start(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(ports["s3"])]
        )
        wait_for(f"http://127.0.0.1:{ports['s3']}/moto-api/", timeout=60)
        import boto3

        boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{ports['s3']}",
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        ).create_bucket(Bucket="linli-media")
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "LINLI_"))},
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": f"{server}/{name}",
            "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
            "SECRET_KEY": "one-key-for-every-node",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LINLI_TRUSTED_PROXIES": "127.0.0.1/32",
            "LINLI_S3_BUCKET": "linli-media",
            "LINLI_S3_ENDPOINT_URL": f"http://127.0.0.1:{ports['s3']}",
            "LINLI_S3_REGION": "us-east-1",
            "LINLI_S3_ACCESS_KEY": "test",
            "LINLI_S3_SECRET_KEY": "test",
            "LINLI_DIGEST_HOUR": "0",
            "LINLI_WORKERS": "1",
            "LINLI_THREADS": "2",
        }
        nodes = []
        for n in (1, 2, 3):  # started at the same moment, on an empty database
            var = tmp_path / f"node{n}"
            var.mkdir()
            port = ports[f"n{n}"]
            group.start(
                [
                    sys.executable,
                    "-m",
                    "linli",
                    "serve",
                    "--migrate",
                    "--port",
                    str(port),
                    "--workers",
                    "1",
                    "--threads",
                    "2",
                ],
                cwd=ROOT,
                env={**env, "LINLI_VAR": str(var)},
            )
            nodes.append(f"http://127.0.0.1:{port}")
        for node in nodes:
            wait_for(f"{node}/healthz")
        site = (ROOT / "deploy" / "nginx" / "linli.conf").read_text()
        (tmp_path / "upstream.conf").write_text(
            "".join(f"server 127.0.0.1:{ports[f'n{n}']};\n" for n in (1, 2, 3))
        )
        site = site.replace("listen 80;", f"listen 127.0.0.1:{ports['nginx']};").replace(
            "/etc/nginx/linli-upstream.conf", str(tmp_path / "upstream.conf")
        )
        (tmp_path / "linli.conf").write_text(site)
        (tmp_path / "nginx.conf").write_text(
            f"daemon off; worker_processes 1; pid {tmp_path}/nginx.pid; error_log {tmp_path}/nginx-error.log;\n"
            "events {}\n"
            f"http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;"
            f" fastcgi_temp_path {tmp_path}/fcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;"
            f" include {tmp_path}/linli.conf; }}\n"
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        group.start([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
        proxy = f"http://127.0.0.1:{ports['nginx']}"
        wait_for(f"{proxy}/healthz", timeout=30)
        out = subprocess.run(
            [sys.executable, "-c", SETUP],
            cwd=ROOT,
            env={**env, "LINLI_VAR": str(tmp_path / "node1")},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        yield {
            "nodes": nodes,
            "proxy": proxy,
            "token": out.stdout.strip().splitlines()[-1],
            "db": f"{server}/{name}",
            "group": group,
            "redis_port": ports["redis"],
            "tmp": tmp_path,
        }
    finally:
        group.stop_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_three_nodes_behind_nginx_act_as_one_site(cluster):
    import psycopg
    import requests

    nodes, proxy = cluster["nodes"], cluster["proxy"]
    bearer = {"Authorization": f"Bearer {cluster['token']}"}

    # Started together on an empty database, the nodes migrated once.
    with psycopg.connect(cluster["db"]) as db:
        twice = db.execute(
            "SELECT app, name FROM django_migrations GROUP BY app, name HAVING count(*) > 1"
        ).fetchall()
    assert twice == []

    # A write through one node is seen at once through the others (and through the proxy).
    created = requests.post(
        f"{nodes[0]}/api/v1/forum/n/cl/topics",
        json={"title": "集群里的新话题", "body": "三个节点都该看到这个话题。"},
        headers=bearer,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    topic = created.json()["id"]
    for base in [*nodes[1:], proxy]:
        listing = requests.get(f"{base}/forum/n/cl/", timeout=30)
        assert listing.status_code == 200 and "集群里的新话题" in listing.text, base

    # A login through node 1 works on node 2; a logout through node 3 ends it everywhere.
    from linli.community.testing import PASSWORD

    browser = requests.Session()
    assert login(browser, nodes[0], "clres", PASSWORD).status_code == 302
    assert browser.get(f"{nodes[1]}/api/v1/me", timeout=30).json()["username"] == "clres"
    page = browser.get(f"{nodes[2]}/me/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    browser.post(
        f"{nodes[2]}/accounts/logout/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{nodes[2]}/me/"},
        allow_redirects=False,
    )
    for base in nodes:
        assert browser.get(f"{base}/api/v1/me", timeout=30).status_code in (401, 403), base

    # A picture uploaded through node 1 is served through node 3 (and the proxy).
    from io import BytesIO

    from PIL import Image

    picture = BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(picture, "PNG")
    staff = requests.Session()
    assert login(staff, nodes[0], "clstaff", PASSWORD).status_code == 302
    form = staff.get(f"{nodes[0]}/forum/n/cl/new/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    posted = staff.post(
        f"{nodes[0]}/forum/n/cl/new/",
        data={
            "csrfmiddlewaretoken": token,
            "title": "带图的话题",
            "body": "看看这张图。",
            "visibility": "public",
        },
        files={"images": ("red.png", picture.getvalue(), "image/png")},
        headers={"Referer": f"{nodes[0]}/forum/n/cl/new/"},
        allow_redirects=False,
        timeout=60,
    )
    assert posted.status_code == 302, posted.text[-2000:]
    shown = staff.get(nodes[2] + posted.headers["Location"], timeout=30).text
    images = re.findall(r'<img[^>]+src="([^"]+)"', shown)
    images = [src.replace("&amp;", "&") for src in images if "static" not in src]
    assert images, shown[-3000:]
    for base in (nodes[2], proxy):
        answer = staff.get(base + images[0], timeout=30)
        assert answer.status_code == 200 and answer.content[:4] in (
            b"\x89PNG",
            b"\xff\xd8\xff\xe0",
            b"RIFF",
        ), base

    # Five wrong passwords from one client behind nginx lock that client, not another one.
    one, other = session_from("127.0.0.2"), session_from("127.0.0.3")
    for _ in range(5):
        login(one, proxy, "clres", "wrong password")
    assert login(one, proxy, "clres", PASSWORD).status_code == 429
    assert login(other, proxy, "clres", PASSWORD).status_code == 302

    # Redis stopped mid-run: no 5xx; everything comes back when Redis returns.
    group = cluster["group"]
    os.killpg(group.redis.pid, 9)
    group.redis.wait(timeout=10)
    anonymous = requests.Session()
    for base in [*nodes, proxy]:
        for path in ("/", "/accounts/login/", f"/api/v1/topics/{topic}", "/forum/n/cl/"):
            answer = anonymous.get(base + path, timeout=30)
            assert answer.status_code < 500, (base, path, answer.status_code)
        assert login(session_from("127.0.0.4"), base, "clstaff", PASSWORD).status_code == 302
    group.redis = start_redis(group, cluster["redis_port"])
    wait_for(f"{proxy}/healthz", timeout=30)
    time.sleep(1)
    for base in nodes:
        assert requests.get(f"{base}/readyz", timeout=30).json().get("redis") == "ok", base

    # Three schedulers (one per node) ran each daily job once.
    deadline = time.monotonic() + 90
    while True:
        with psycopg.connect(cluster["db"]) as db:
            rows = db.execute(
                "SELECT job, count(*) FROM notify_scheduledrun GROUP BY job"
            ).fetchall()
        if rows or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert rows and all(count == 1 for _job, count in rows), rows
