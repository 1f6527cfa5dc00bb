"""`python -m bench` (or `make bench`): builds each handbook, serves it with gunicorn and prints one table; then
how long the demo's static export takes (bench/export.py).

BENCH_SIZES: comma-separated `demo` and pages per locale (default `demo,150,500`); BENCH_QUICK=1: few requests.
Progress goes to stderr, the table to stdout.
"""

import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.load import FULL, QUICK, Gunicorn, run
from bench.measure import KINDS
from bench.report import export_table, table

ROOT = Path(__file__).resolve().parent.parent
SEARCH_WORDS = {"demo": "asamblea"}  # generated handbooks: generate_handbook's SEARCH_WORD
LANGUAGES = "en,es,fr,de,ar"
EXPORT_SIZES = {"demo", "150", "500"}  # sizes whose static export (manage.py export_site) is timed


def log(message: str):
    print(message, file=sys.stderr, flush=True)


def django_env(work: Path, database: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("REDIS_", "PORTAL_", "GUNICORN"))}
    # Local-memory cache in each worker, as without REDIS_URL; a shared Redis would mix the runs' answers.
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(work / "static"),
        "PORTAL_VAR_DIR": str(work),
        "PORTAL_LANGUAGES": LANGUAGES,
        "TASKS_BACKEND": "immediate",
    }


def manage(env: dict, *args: str):
    log(f"  manage.py {' '.join(args)}")
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603 (our arguments)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    log("    " + (result.stdout.strip().splitlines() or [""])[-1])


def bench_size(work: Path, template: Path, size: str, limits) -> dict:
    log(f"{size}: building the handbook")
    database = work / f"{size}.sqlite3"
    shutil.copy(template, database)
    env = django_env(work, database)
    if size == "demo":
        manage(env, "load_demo")
    else:
        manage(env, "generate_handbook", "--pages-per-locale", size)
    word = SEARCH_WORDS.get(size, "quorum")
    command = [sys.executable, "-m", "bench.measure", word]
    measured = json.loads(subprocess.check_output(command, cwd=ROOT, env=env))  # noqa: S603 (our arguments)
    log(f"{size}: load test on gunicorn")
    nonces = itertools.count(1000)
    with Gunicorn(env, work / f"gunicorn-{size}.log") as server:
        for kind in KINDS:
            cases = [case for case in measured["cases"] if case["kind"] == kind]
            run(server.port, cases, limits, nonces)
            log("  " + ", ".join(f"{kind} {case['server']} {case['rps']:.1f} req/s" for case in cases))
    if size in EXPORT_SIZES:
        log(f"{size}: static export of every language")
        command = [sys.executable, "-m", "bench.export", str(work / f"export-{size}")]
        measured["export"] = json.loads(subprocess.check_output(command, cwd=ROOT, env=env))  # noqa: S603 (ours)
        log(f"  {measured['export']['files']} files in {measured['export']['seconds']:.1f} s")
    return {"size": size, **measured}


def main():
    sizes = [size.strip() for size in os.environ.get("BENCH_SIZES", "demo,150,500").split(",") if size.strip()]
    if not sizes or not all(size == "demo" or size.isdigit() for size in sizes):
        raise SystemExit("BENCH_SIZES: comma-separated `demo` and numbers of pages per locale, e.g. demo,150,500")
    limits = QUICK if os.environ.get("BENCH_QUICK", "") not in ("", "0") else FULL
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))  # databases, static files, gunicorn's logs
    try:
        template = work / "template.sqlite3"
        env = django_env(work, template)
        log("Preparing a migrated database and collected static files")
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        results = [bench_size(work, template, size, limits) for size in sizes]
    except BaseException:
        log(f"Kept {work} for a look (gunicorn's logs are there).")
        raise
    shutil.rmtree(work, ignore_errors=True)
    print(table(results, quick=limits is QUICK))
    exports = export_table(results)
    if exports:
        print(f"\n{exports}")


if __name__ == "__main__":
    main()
