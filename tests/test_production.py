"""The production recipe of README › Production, run as written: the
production settings module, collectstatic, a database cache table, gunicorn
serving kb.wsgi behind a TLS proxy's headers, WhiteNoise serving the
collected static files.  A real gunicorn, a real socket."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOST = "kb.example.org"
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def production(tmp_path):
    """The recipe's environment and its set-up commands; yields (env, run)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "kb.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kb.sqlite3'}",
        "KB_CACHE_URL": "db://kb_cache",
        "KB_VAR_DIR": str(tmp_path / "var"),
    }

    def run(*args):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    for step in (("migrate", "-v", "0"), ("createcachetable",), ("collectstatic", "--noinput", "-v", "0"),
                 ("load_regions",), ("import_seeds", "seeds", "--no-progress")):
        run(*step)
    return env, run


def fetch(port: int, path: str, headers: dict):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": HOST, **headers})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_production_recipe_serves_pages_and_static_files_behind_a_tls_proxy(production):
    env, run = production
    assert "no issues" in run("check", "--deploy", "--fail-level", "WARNING").stdout
    port = free_port()
    server = subprocess.Popen(
        [str(GUNICORN), "kb.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "60"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = fetch(port, "/", {"X-Forwarded-Proto": "https"})
                break
            except (ConnectionError, urllib.error.URLError):
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        assert status == 200
        html = body.decode()
        assert "长三角" in html
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Cache-Control"].startswith("public, max-age=0, s-maxage=")
        # The import warmed the shared (database) cache: the first visitor's
        # page, in any worker, is a hit.
        assert headers["X-Cache"] == "hit"
        # The proxy's plain-HTTP request is sent to HTTPS.
        status, headers, _ = fetch(port, "/", {})
        assert status == 301 and headers["Location"] == f"https://{HOST}/"
        # Collected, hashed static files through WhiteNoise, cached for long.
        stylesheet = re.search(r'href="(/static/kb/site\.[0-9a-f]{12}\.css)"', html).group(1)
        status, headers, css = fetch(port, stylesheet, {"X-Forwarded-Proto": "https"})
        assert status == 200 and len(css) > 100
        assert "max-age=315360000" in headers["Cache-Control"]
        # A conditional repeat: 304.
        _, first, _ = fetch(port, "/", {"X-Forwarded-Proto": "https"})
        status, _, _ = fetch(port, "/", {"X-Forwarded-Proto": "https", "If-None-Match": first["ETag"]})
        assert status == 304
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
