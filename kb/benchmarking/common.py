"""Helpers shared by the benchmark's parts: timing, the machine, the
database, and a test client that reaches the site as a visitor would."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager

import django
from django.conf import settings
from django.db import connections
from django.test import Client, override_settings


def median_ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 1)


def timed(function: Callable[[], object], repeat: int, *, before: Callable[[], object] | None = None):
    """Run `function` `repeat` times (after `before`, untimed, each time);
    returns (seconds of each run, the last result)."""
    seconds, result = [], None
    for _ in range(max(1, repeat)):
        if before is not None:
            before()
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def database_info(using: str = "default") -> dict:
    connection = connections[using]
    connection.ensure_connection()
    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    elif vendor == "sqlite":
        import sqlite3

        version = sqlite3.sqlite_version
    else:  # pragma: no cover
        version = ""
    name = str(connection.settings_dict.get("NAME") or "")
    return {"vendor": vendor, "version": version, "name": name}


def machine_info() -> dict:
    """What the figures were measured on; the load average says how busy
    the machine was with other work while they were."""
    try:
        load = [round(value, 2) for value in os.getloadavg()]
    except OSError:  # pragma: no cover
        load = []
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "load_average": load,
    }


def load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:  # pragma: no cover
        return []


@contextmanager
def site_settings():
    """Settings under which the test client reaches the public site the way
    a visitor behind the production proxy does: any host, no HTTPS redirect
    (the client asks over "https" anyway), and static URLs without the
    collectstatic manifest (the benchmark does not run collectstatic)."""
    storages = dict(getattr(settings, "STORAGES", {}))
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False, STORAGES=storages, DEBUG=False
    ):
        yield


def site_client() -> Client:
    return Client(SERVER_NAME="localhost")


def get(client: Client, url: str):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    if response.streaming:
        b"".join(response.streaming_content)
    return response
