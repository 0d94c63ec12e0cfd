"""A load test of a running site: N connections at once, each a thread
with its own HTTP/1.1 connection (http.client), sending the URL mix in
turn until the time or the request budget is spent; latencies and errors
are kept per URL group.

Loopback only: the host must resolve to loopback addresses alone, so the
command cannot be pointed at somebody else's server.  Bounded: it stops at
`duration` seconds or `max_requests` requests, whichever comes first, and
every request has a timeout.

Threads rather than wrk or locust: the client needs the URL mix with ids
from the database and figures per group, which wrk gives only through Lua
scripts and locust through another dependency; at 50 connections on the
site's pages (milliseconds each) the client's own cost is small beside the
server's, and it is measured with the same clock for every request.
"""

from __future__ import annotations

import http.client
import ipaddress
import itertools
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

TIMEOUT = 30.0


class NotLoopback(ValueError):
    pass


def loopback_target(url: str) -> tuple[str, int]:
    """(host, port) of an http:// URL whose host is loopback only."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise NotLoopback(f"{url}: only http://host:port URLs")
    port = parts.port or 80
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)}
    except socket.gaierror as error:
        raise NotLoopback(f"{url}: {error}") from error
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise NotLoopback(f"{url}: not a loopback address ({', '.join(sorted(addresses))})")
    return parts.hostname, port


@dataclass
class GroupResult:
    attempts: int = 0  # requests sent
    latencies: list[float] = field(default_factory=list)  # seconds, every answered request
    errors: int = 0  # connection errors and answers other than 2xx/3xx
    statuses: dict[int, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def add(self, other: GroupResult) -> None:
        self.attempts += other.attempts
        self.latencies += other.latencies
        self.errors += other.errors
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.error_samples += other.error_samples[: 5 - len(self.error_samples)]


@dataclass
class LoadResult:
    seconds: float
    connections: int
    groups: dict[str, GroupResult]

    def overall(self) -> GroupResult:
        total = GroupResult()
        for result in self.groups.values():
            total.add(result)
        return total


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil
    return ordered[int(rank) - 1]


def _one(connection: http.client.HTTPConnection, host: str, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    connection.request("GET", path, headers={"Host": host, "Accept-Encoding": "gzip"})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    if response.will_close:
        connection.close()
    return response.status, elapsed


def run_load(url: str, requests: list[tuple[str, str]], *, duration: float, connections: int,
             max_requests: int | None = None) -> LoadResult:
    """Drive the server at `url` with `connections` threads over the
    (group, path) list in turn."""
    host, port = loopback_target(url)
    budget = itertools.count()  # next() is atomic under the GIL
    order = itertools.cycle(range(len(requests)))
    order_lock = threading.Lock()
    limit = max_requests if max_requests is not None else float("inf")
    results: list[dict[str, GroupResult]] = []
    start = time.perf_counter()
    deadline = start + duration

    def worker():
        mine: dict[str, GroupResult] = {}
        results.append(mine)
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        try:
            while time.perf_counter() < deadline and next(budget) < limit:
                with order_lock:
                    group, path = requests[next(order)]
                result = mine.setdefault(group, GroupResult())
                result.attempts += 1
                try:
                    status, elapsed = _one(connection, host, path)
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(f"{path}: {type(error).__name__}: {error}")
                    continue
                result.statuses[status] = result.statuses.get(status, 0) + 1
                result.latencies.append(elapsed)
                if not 200 <= status < 400:
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(f"{path}: HTTP {status}")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + TIMEOUT + 5)
    seconds = time.perf_counter() - start
    merged: dict[str, GroupResult] = {}
    for mine in results:
        for group, result in mine.items():
            merged.setdefault(group, GroupResult()).add(result)
    return LoadResult(seconds, connections, merged)


def report_rows(result: LoadResult) -> list[dict]:
    """One row per group and one for everything: requests, requests per
    second, p50 and p99 in milliseconds, errors."""
    rows = []
    for name, group in [*sorted(result.groups.items()), ("all", result.overall())]:
        rows.append({
            "group": name,
            "requests": group.attempts,
            "rps": round(group.attempts / result.seconds, 1) if result.seconds else 0.0,
            "p50_ms": round(percentile(group.latencies, 0.50) * 1000, 1),
            "p99_ms": round(percentile(group.latencies, 0.99) * 1000, 1),
            "errors": group.errors,
        })
    return rows
