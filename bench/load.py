"""The HTTP half of the benchmark: gunicorn on loopback, sequential latency and throughput at 8 connections."""

import http.client
import itertools
import json
import math
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.measure import with_nonce
from bench.stats import median, p95

HOST = "127.0.0.1"
CONNECTIONS = 8


@dataclass(frozen=True)
class Limits:
    """Each measurement stops at whichever limit comes first; sequential ones make at least `min_requests`.

    Measurements are split into `rounds` that take turns between the requests compared with each other, so a
    change in the machine's load (other processes) shifts them alike and their ratios stay fair.
    """

    sequential_requests: int
    concurrent_requests: int
    seconds: float
    rounds: int = 1
    min_requests: int = 5

    def per_round(self) -> "Limits":
        n = self.rounds
        requests = (self.sequential_requests // n, self.concurrent_requests // n)
        return Limits(*requests, self.seconds / n, rounds=1, min_requests=math.ceil(self.min_requests / n))


FULL = Limits(sequential_requests=300, concurrent_requests=3000, seconds=6, rounds=3)
QUICK = Limits(sequential_requests=20, concurrent_requests=80, seconds=1)


class Gunicorn:
    """`gunicorn portal.wsgi -w 2` on a free loopback port, stopped (with its workers) when the block ends."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            self.port = probe.getsockname()[1]
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [gunicorn, "portal.wsgi", "-w", "2", "-b", f"{HOST}:{self.port}"]
        output = self.log.open("wb")
        self.process = subprocess.Popen(command, env=self.env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start in 60s; see {self.log}")

    def __exit__(self, *exc):
        self.process.terminate()  # the master stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Client:
    """One connection's worth of requests for one case; unique requests get a fresh nonce variable each."""

    def __init__(self, port: int, case: dict, nonces):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)
        self.case, self.nonces = case, nonces
        self.body = json.dumps(case["body"]).encode() if case["body"] is not None else None

    def request(self) -> bool:
        body, case, path = self.body, self.case, self.case["path"]
        if case["unique"]:
            path, fields = with_nonce(case, next(self.nonces))
            body = json.dumps(fields) if fields is not None else None
        # The host without the port, as bench/measure.py's in-process client asks: pages make links with it.
        headers = {"Host": HOST, **({"Content-Type": "application/json"} if body is not None else {})}
        try:
            self.connection.request(case["method"], path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request opens a new connection
            return False
        return response.status == 200 and len(content) == case["bytes"]


def sequential(port: int, case: dict, limits: Limits, nonces) -> tuple[list[float], int]:
    """Latencies in seconds of requests one after another, and how many failed."""
    client, latencies, errors = Client(port, case, nonces), [], 0
    deadline = time.monotonic() + limits.seconds
    while len(latencies) < limits.sequential_requests and (
        time.monotonic() < deadline or len(latencies) < limits.min_requests
    ):
        started = time.perf_counter()
        ok = client.request()
        latencies.append(time.perf_counter() - started)
        errors += not ok
    return latencies, errors


def concurrent(port: int, case: dict, limits: Limits, nonces) -> tuple[int, float, int]:
    """Requests made over CONNECTIONS connections kept busy, the seconds it took, and how many failed."""
    tickets = itertools.count()
    done, errors, lock = [0], [0], threading.Lock()
    deadline = time.monotonic() + limits.seconds

    def work():
        client = Client(port, case, nonces)
        while next(tickets) < limits.concurrent_requests and time.monotonic() < deadline:
            ok = client.request()
            with lock:
                done[0] += 1
                errors[0] += not ok

    threads = [threading.Thread(target=work) for _ in range(CONNECTIONS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0], time.perf_counter() - started, errors[0]


def run(port: int, cases: list[dict], limits: Limits, nonces):
    """Measure requests that are compared with each other, taking turns; adds the results to each case."""
    warm_up = Limits(0, 2 * CONNECTIONS, limits.seconds)
    for case in cases:
        concurrent(port, case, warm_up, nonces)  # both workers (and their response caches)
        case.update(latencies=[], done=0, elapsed=0.0, errors=0)
    step = limits.per_round()
    for _ in range(limits.rounds):
        for case in cases:
            latencies, errors = sequential(port, case, step, nonces)
            case["latencies"] += latencies
            case["errors"] += errors
        for case in cases:
            done, elapsed, errors = concurrent(port, case, step, nonces)
            case.update(done=case["done"] + done, elapsed=case["elapsed"] + elapsed, errors=case["errors"] + errors)
    for case in cases:
        latencies = case.pop("latencies")
        case.update(median_ms=median(latencies) * 1000, p95_ms=p95(latencies) * 1000, requests=len(latencies))
        case["rps"] = case.pop("done") / case.pop("elapsed")
