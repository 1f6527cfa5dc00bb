"""`python -m bench.loadtest` (or `make load`): a bounded load test of the portal on loopback, with locust.

Builds a generated handbook like the benchmark (bench/__main__.py: SQLite, `portal.settings.bench`, each gunicorn
worker with its own local-memory cache), starts `gunicorn -w 2`, runs bench/loadtest/locustfile.py headless and
prints requests/s, latency percentiles, the error rate, the workers' CPU time per request (which, unlike
latency, does not depend on what else the machine runs) and each worker's peak memory (VmHWM from /proc).
Exits with 1 if any request failed.

LOAD_USERS (32), LOAD_SECONDS (60), LOAD_PAGES (pages per locale, 150). Progress goes to stderr.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import requests

from bench.__main__ import ROOT, django_env, log, manage
from bench.load import HOST, Gunicorn

HERE = Path(__file__).resolve().parent


class PeakMemory:
    """Samples the peak resident memory (VmHWM) of a gunicorn master's workers until stopped; a worker replaced
    during the run keeps its own line."""

    def __init__(self, master: int, interval: float = 0.5):
        self.master, self.interval = master, interval
        self.peaks: dict[int, int] = {}  # pid: kB
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.sample_until_stopped, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()
        self.sample()

    def sample_until_stopped(self):
        while not self.stopped.wait(self.interval):
            self.sample()

    def sample(self):
        for pid in children(self.master):
            peak = peak_rss_kb(Path(f"/proc/{pid}/status"))
            if peak is not None:
                self.peaks[pid] = max(peak, self.peaks.get(pid, 0))


def children(pid: int) -> list[int]:
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in listing.read_text().split()] if listing.exists() else []


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far (what they got of the machine, whatever else ran)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime and stime: fields 14 and 15 of proc(5)
    return ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_kb(status: Path) -> int | None:
    """VmHWM, the process's peak resident set size, in kB; None once the process is gone."""
    try:
        lines = status.read_text().splitlines()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in lines if line.startswith("VmHWM:")), None)


def warm_up(port: int, plan: dict):
    """Wait for both workers to load the portal (gunicorn accepts connections before), then ask each language's
    home page and tree once, as a server that has been running would have: a cold start is not what is measured."""
    base = f"http://{HOST}:{port}"
    tree = "query($locale: String!) { handbook(locale: $locale) { title } }"
    for _ in range(2):
        for code in plan["paths"]:
            requests.get(f"{base}/{code}/", timeout=120).raise_for_status()
            body = {"query": tree, "variables": {"locale": code}}
            requests.post(f"{base}/graphql/", json=body, timeout=120).raise_for_status()


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def summary(stats_csv: Path) -> list[dict]:
    """Locust's per-request statistics, the aggregate last."""
    with stats_csv.open() as file:
        rows = list(csv.DictReader(file))
    return [
        {
            "name": "all requests" if row["Name"] == "Aggregated" else row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "p50": row["50%"],
            "p95": row["95%"],
            "p99": row["99%"],
        }
        for row in rows
    ]


def report(
    rows: list[dict], peaks: dict[int, int], users: int, seconds: int, pages: int, loads: tuple, cpu: float
) -> str:
    header = ("request", "requests", "failures", "req/s", "p50 ms", "p95 ms", "p99 ms")
    cells = [header] + [
        (
            row["name"],
            str(row["requests"]),
            str(row["failures"]),
            f"{row['rps']:.1f}",
            row["p50"],
            row["p95"],
            row["p99"],
        )
        for row in rows
    ]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]

    def line(row):
        return "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )

    total = rows[-1]
    rate = total["failures"] / total["requests"] if total["requests"] else 1.0
    out = [
        f"{users} clients for {seconds} s on {HOST}; gunicorn -w 2; {pages} pages per locale in 5 languages (SQLite);"
        f" machine load average {loads[0]} before, {loads[1]} after",
        line(header),
        "-" * len(line(header)),
        *(line(row) for row in cells[1:-1]),
        "-" * len(line(header)),
        line(cells[-1]),
        f"error rate: {rate:.2%} ({total['failures']} of {total['requests']} requests)",
        f"workers' CPU time: {cpu:.1f} s in {seconds} s, {1000 * cpu / max(total['requests'], 1):.0f} ms per request",
        "peak RSS per worker (VmHWM): "
        + ", ".join(f"pid {pid} {kb / 1024:.0f} MiB" for pid, kb in sorted(peaks.items())),
    ]
    return "\n".join(out)


def main():
    users = int(os.environ.get("LOAD_USERS", "32"))
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    pages = int(os.environ.get("LOAD_PAGES", "150"))
    work = Path(tempfile.mkdtemp(prefix="portal-load-"))  # the database, static files, logs
    try:
        env = django_env(work, work / "load.sqlite3")
        log("Preparing the database and static files")
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "generate_handbook", "--pages-per-locale", str(pages))
        plan = subprocess.check_output([sys.executable, "-m", "bench.loadtest.plan"], cwd=ROOT, env=env)  # noqa: S603
        (work / "plan.json").write_bytes(plan)
        locust = str(Path(sys.executable).with_name("locust"))
        with Gunicorn(env, work / "gunicorn.log") as server, PeakMemory(server.process.pid) as memory:
            warm_up(server.port, json.loads(plan))
            loads, workers = [load_average()], children(server.process.pid)
            cpu = -cpu_seconds(workers)
            log(f"locust: {users} clients for {seconds} s")
            command = [locust, "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary"]
            command += ["-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--stop-timeout", "10"]
            command += ["--host", f"http://{HOST}:{server.port}", "--csv", str(work / "locust")]
            with (work / "locust.log").open("wb") as output:
                locust_env = {**os.environ, "LOAD_PLAN": str(work / "plan.json")}
                subprocess.run(command, cwd=ROOT, env=locust_env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
            loads.append(load_average())
            cpu += cpu_seconds(workers)
        rows = summary(work / "locust_stats.csv")
    except BaseException:
        log(f"Kept {work} for a look (gunicorn's and locust's logs are there).")
        raise
    print(report(rows, memory.peaks, users, seconds, pages, tuple(loads), cpu))
    if rows[-1]["failures"]:
        failures = (work / "locust_failures.csv").read_text()
        log(f"Failures:\n{failures}\nKept {work} for a look (gunicorn's and locust's logs are there).")
        raise SystemExit(1)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
