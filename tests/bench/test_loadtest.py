"""The load test's report: locust's statistics, the error rate and the workers' peak memory read from /proc."""

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.loadtest.__main__ import PeakMemory, children, cpu_seconds, peak_rss_kb, report, summary

STATS = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,\
Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%
GET,site: page,300,0,12,20.5,3,400,29000,5.0,0.0,12,15,18,20,30,45,90,120,400,400,400
POST,API: tree,100,2,8,9.1,2,50,17000,1.6667,0.0333,8,9,9,10,12,20,30,40,50,50,50
,Aggregated,400,2,11,17.7,2,400,26000,6.6667,0.0333,11,13,15,17,25,40,80,110,400,400,400
"""


def test_locust_statistics_become_rows_with_the_aggregate_last(tmp_path):
    stats = tmp_path / "locust_stats.csv"
    stats.write_text(STATS)

    rows = summary(stats)

    assert [row["name"] for row in rows] == ["site: page", "API: tree", "all requests"]
    assert rows[1] == {
        "name": "API: tree",
        "requests": 100,
        "failures": 2,
        "rps": 1.6667,
        "p50": "8",
        "p95": "20",
        "p99": "40",
    }
    peaks = {4242: 150 * 1024, 4243: 160 * 1024}
    text = report(rows, peaks, users=32, seconds=60, pages=150, loads=("1.5", "2.5"), cpu=12.0)
    lines = text.splitlines()
    assert lines[0].startswith("32 clients for 60 s on 127.0.0.1; gunicorn -w 2; 150 pages per locale")
    assert lines[0].endswith("machine load average 1.5 before, 2.5 after")
    assert lines[-4].split() == ["all", "requests", "400", "2", "6.7", "11", "40", "110"]
    assert lines[-3] == "error rate: 0.50% (2 of 400 requests)"
    assert lines[-2] == "workers' CPU time: 12.0 s in 60 s, 30 ms per request"
    assert lines[-1] == "peak RSS per worker (VmHWM): pid 4242 150 MiB, pid 4243 160 MiB"


def test_the_peak_memory_and_cpu_time_of_each_child_process_are_read_from_proc():
    assert peak_rss_kb(Path("/proc/self/status")) > 0
    work = "import time; sum(range(10**7)); data = bytearray(64 << 20); time.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", work])  # noqa: S603
    try:
        with PeakMemory(os.getpid(), interval=0.05) as memory:
            deadline = time.monotonic() + 20
            while memory.peaks.get(child.pid, 0) < 64 * 1024 and time.monotonic() < deadline:
                time.sleep(0.05)
        assert child.pid in children(os.getpid())
        assert cpu_seconds([child.pid]) > 0.05  # it summed ten million numbers before taking the memory
    finally:
        child.kill()
        child.wait()
    assert memory.peaks[child.pid] >= 64 * 1024  # the 64 MiB it holds, in kB
    assert peak_rss_kb(Path(f"/proc/{child.pid}/status")) is None  # gone
