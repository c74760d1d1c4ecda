"""Throughput and a soak under wrk against a real server (gunicorn) on loopback, on a bench database.

Usage: DATABASE_URL=sqlite:///.../bench/bench-0.01.sqlite3 python bench/load.py --scale 0.01
        [--soak-seconds 60] [--soak-connections 50] [--seconds 4] [--rounds 3] [--workers 2]

1. Throughput: `wrk` for --seconds on /healthz (the trivial baseline) and on each page of run.py, signed in
   as business.manager, 10 connections; requests per second and the ratio to /healthz. Every page and /healthz
   is measured in --rounds rounds over all of them, and each keeps its best run: wrk's keep-alive connections
   are shared out between the server's worker processes as they connect, and when most land on one worker the
   run gets about half the requests through while a core idles (seen with vmstat: 40% idle in the slow runs).
   The best run is the page's cost with both workers busy, for the pages and the baseline alike. Each run starts
   once the server has finished the requests wrk left in flight (a slow download's queue otherwise spills into
   the next page). Then all of it again on a second server with the page cache off (PAGE_CACHE_ENTRIES=0),
   every request making its page.
2. Soak (page cache on): --soak-connections connections for --soak-seconds, rotating over the same pages; it
   fails (exit 1) on any non-2xx/3xx response, socket error or timeout.
Results go to bench/results/load.json and load.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, database_label, start_django  # noqa: E402
from run import client, pages  # noqa: E402

ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
LATENCY = re.compile(r"Latency\s+([\d.]+)(us|ms|s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--seconds", type=int, default=4, help="each wrk run (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each page, the best kept (default 3)")
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument("--soak-connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    start_django(args.scale)
    cookie = signed_in_cookie()
    urls = pages()
    order = ["/healthz", *(url for url in urls if url != "/healthz")]
    with server(args.workers) as base:
        throughput = _throughput(base, order, cookie, args.seconds, args.rounds)
        idle(base)
        soak = wrk(base, urls[0], cookie, args.soak_seconds, args.soak_connections, rotate=urls)
    # The same pages again with the page cache off (casereview/web/page_cache.py): every request makes its page.
    with server(args.workers, {"PAGE_CACHE_ENTRIES": "0"}) as base:
        afresh = _throughput(base, order, cookie, args.seconds, args.rounds)
    for row, again in zip(throughput, afresh, strict=True):
        row["made_afresh"] = again
    results = {"scale": args.scale, "database": database_label(), "workers": args.workers,
               "seconds": args.seconds, "rounds": args.rounds,
               "cores": os.cpu_count(), "throughput": throughput,
               "soak": soak | {"seconds": args.soak_seconds, "connections": args.soak_connections}}
    RESULTS.mkdir(exist_ok=True)
    suffix = "" if results["database"] == "sqlite" else f"-{results['database']}"
    (RESULTS / f"load{suffix}.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / f"load{suffix}.md").write_text(markdown(results))
    print(markdown(results))
    if soak["errors"]:
        sys.exit(f"Soak failed: {soak['errors']} errors")


def _throughput(base: str, order: list[str], cookie: str, seconds: int, rounds: int) -> list[dict]:
    """wrk on each page in turn, each once the server is idle, `rounds` times over; per page its best run (with
    every run's requests/s and the errors of all of them) and that run's ratio to /healthz's best."""
    runs = {url: [] for url in order}
    for _ in range(rounds):
        for url in order:
            idle(base)
            runs[url].append(wrk(base, url, cookie, seconds, 10))
    rows = []
    for url in order:
        best = max(runs[url], key=lambda run: run["requests_per_s"])
        rows.append(best | {"page": url, "runs_per_s": [run["requests_per_s"] for run in runs[url]],
                            "non_2xx": sum(run["non_2xx"] for run in runs[url]),
                            "socket_errors": sum(run["socket_errors"] for run in runs[url]),
                            "errors": sum(run["errors"] for run in runs[url])})
    baseline = rows[0]["requests_per_s"]
    for row in rows:
        row["ratio_to_healthz"] = round(row["requests_per_s"] / baseline, 2)
    return rows


def signed_in_cookie() -> str:
    """The cookies a browser signed in as business.manager sends: its session and, once it has seen a page with
    a form, its CSRF cookie."""
    signed_in = client()
    signed_in.get("/")
    return "; ".join(f"{name}={signed_in.cookies[name].value}" for name in ("sessionid", "csrftoken"))


class server:
    """gunicorn serving config.wsgi on a free loopback port, with debug off and collected static files."""

    def __init__(self, workers: int, environment: dict | None = None):
        self.workers = workers
        self.environment = environment or {}

    def __enter__(self) -> str:
        env = {**os.environ, "DJANGO_DEBUG": "false", **self.environment}
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                       check=True)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", str(self.workers),
                                         "--threads", "4", "config.wsgi:application"], cwd=ROOT, env=env,
                                        stdout=self.log, stderr=self.log)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310 (loopback)
                return base
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def idle(base: str, settle: float = 0.05, in_a_row: int = 10) -> None:
    """Wait until /healthz answers at once `in_a_row` times running (both workers free), at most 60 s."""
    deadline, fast = time.monotonic() + 60, 0
    while time.monotonic() < deadline and fast < in_a_row:
        began = time.monotonic()
        urllib.request.urlopen(f"{base}/healthz", timeout=30).read()  # noqa: S310 (loopback)
        fast = fast + 1 if time.monotonic() - began < settle else 0
        time.sleep(0.1)


def wrk(base: str, url: str, cookie: str, seconds: int, connections: int, rotate: list[str] | None = None) -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
               "-H", f"Cookie: {cookie}", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if rotate:
            # Each request takes the next page in turn, so the soak covers every page.
            paths = ", ".join(json.dumps(p) for p in rotate)
            script.write(f"local paths = {{{paths}}}\nlocal i = 0\n"
                         "request = function()\n  i = i % #paths + 1\n"
                         "  return wrk.format('GET', paths[i])\nend\n")
        command += ["-s", script.name]
    output = subprocess.run(command + [base + url], capture_output=True, text=True, check=True).stdout
    Path(script.name).unlink()
    socket_errors = sum(int(n) for n in ERRORS.search(output).groups()) if ERRORS.search(output) else 0
    non_2xx = int(NON_2XX.search(output).group(1)) if NON_2XX.search(output) else 0
    value, unit = LATENCY.search(output).groups()
    mean_ms = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return {"requests_per_s": float(RATE.search(output).group(1)), "mean_latency_ms": round(mean_ms, 1),
            "non_2xx": non_2xx, "socket_errors": socket_errors, "errors": non_2xx + socket_errors}


def markdown(results: dict) -> str:
    lines = [f"{results.get('database', 'sqlite')}, scale {results['scale']:g}, "
             f"gunicorn {results['workers']} workers × 4 threads on "
             f"{results['cores']} cores, wrk 10 connections, the best of {results.get('rounds', 1)} runs of "
             f"{results.get('seconds', 10)} s per page. Each page as served (kept pages served again, "
             "casereview/web/page_cache.py) and made afresh for every request (page cache off):", "",
             "| page | requests/s | each run | mean latency (ms) | ratio to /healthz | made afresh: requests/s | "
             "ratio | errors |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results["throughput"]:
        again = r.get("made_afresh", {})
        each = " / ".join(f"{rate:.0f}" for rate in r.get("runs_per_s", [r["requests_per_s"]]))
        lines.append(f"| `{r['page']}` | {r['requests_per_s']:.0f} | {each} | {r['mean_latency_ms']} | "
                     f"{r['ratio_to_healthz']} | {again.get('requests_per_s', float('nan')):.0f} | "
                     f"{again.get('ratio_to_healthz', '–')} | {r['errors'] + again.get('errors', 0)} |")
    s = results["soak"]
    lines += ["", f"Soak: {s['connections']} connections for {s['seconds']} s over every page: "
              f"{s['requests_per_s']:.0f} requests/s, {s['non_2xx']} non-2xx/3xx responses, "
              f"{s['socket_errors']} socket errors or timeouts."]
    return "\n".join(lines) + "\n"

if __name__ == "__main__":
    main()
