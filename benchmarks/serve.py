"""``netnet serve``: how fast the page loads, how fast keys echo, what a session costs in memory.

    python benchmarks/serve.py [--contacts 30000] [--interactions 100000] [--runs 5] [--sessions 3]
                               [--db-url postgresql://…]

Starts the installed ``netnet serve`` on a generated network and measures:

- page load in headless Chromium (when chromium and chromedriver are installed): from opening
  the printed link to netnet's first screen drawn in the page (the token swapped for the
  cookie, the page, its script and font, the WebSocket, a netnet process started, its first
  frame);
- page load without a browser: the same road taken by a WebSocket client (aiohttp) that draws
  the terminal with pyte, until the first contact's row is on screen;
- key echo: keys typed into a live call's notes, each timed until it is on screen;
- memory: the resident set (RSS) of each session's netnet process, with ``--sessions`` open at
  once, and the server's own.

Needs the web and test extras (``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engines import add_engine_argument, db_args, engine_name, fresh_target  # noqa: E402
from network import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import browser_paths  # noqa: E402
from tests.web_helpers import WebTerminal, headless_chromium  # noqa: E402


def start_server(target, env: dict[str, str], sessions: int) -> tuple[subprocess.Popen, str]:
    netnet = Path(sys.executable).parent / "netnet"
    process = subprocess.Popen([str(netnet), *db_args(target), "serve", "--sessions", str(sessions)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    found = re.search(r"(https?://\S+\?token=\S+)", line)
    if not found:
        process.kill()
        raise SystemExit(f"netnet serve did not start: {line!r}")
    return process, found.group(1)


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_no_sessions(server: subprocess.Popen, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while children(server.pid) and time.monotonic() < end:
        time.sleep(0.05)


def browser_page_loads(url: str, server: subprocess.Popen, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        browser = headless_chromium()
        try:
            browser.get("about:blank")
            start = time.perf_counter()
            browser.get(url)
            while browser.execute_script("return document.body.dataset.netnetScreen") != "ContactsScreen":
                if time.perf_counter() - start > 60:
                    raise SystemExit("the page did not show netnet within 60 s")
                time.sleep(0.005)
            times.append(time.perf_counter() - start)
        finally:
            browser.quit()
        wait_no_sessions(server)
    return times


async def socket_page_loads(url: str, server: subprocess.Popen, runs: int, first_row: str) -> list[float]:
    times = []
    for _ in range(runs):
        page = WebTerminal(120, 36)
        start = time.perf_counter()
        await page.open(url)
        await page.wait(lambda page=page: first_row in page.text(), "the first contact row", timeout=60,
                        poll=0.002)
        times.append(time.perf_counter() - start)
        await page.close()
        await asyncio.to_thread(wait_no_sessions, server)
    return times


async def key_echo(url: str, server: subprocess.Popen, keys: int) -> list[float]:
    page = WebTerminal(120, 36)
    await page.open(url)
    await page.wait_screen("ContactsScreen")
    await page.type("3")
    await page.wait_screen("InterviewsScreen")
    await page.type("c")
    await page.wait_screen("CallNowDialog")
    await page.type("\r")
    await page.wait(page.call_live, "the live call")
    await page.wait(lambda: "Call notes" in page.text(), "the call on screen")
    await asyncio.sleep(0.5)
    times = []
    typed = ""
    for n in range(keys):
        char = "abcdefghij"[n % 10]
        typed += char
        start = time.perf_counter()
        await page.type(char)
        await page.wait(lambda typed=typed: typed in page.text(), "the key on screen", timeout=10, poll=0.001)
        times.append(time.perf_counter() - start)
        await asyncio.sleep(0.05)  # a fast typist: 20 keys a second
    await page.type("\x05")  # Ctrl+E: end the call (the next sessions then open on Contacts)
    await page.wait_screen("ConfirmDialog")
    await page.type("\r")
    await page.wait_screen("WrapupScreen")
    await page.close()
    await asyncio.to_thread(wait_no_sessions, server)
    return times


async def session_memory(url: str, server: subprocess.Popen, sessions: int) -> tuple[list[float], float]:
    pages = []
    for _ in range(sessions):
        page = WebTerminal(120, 36)
        await page.open(url)
        await page.wait_screen("ContactsScreen")
        pages.append(page)
    await asyncio.sleep(2.0)  # settled: the first counts and lists loaded
    sizes = [rss_mb(pid) for pid in children(server.pid)]
    server_rss = rss_mb(server.pid)
    for page in pages:
        await page.close()
    await asyncio.to_thread(wait_no_sessions, server)
    return sizes, server_rss


def first_row_name(target) -> str:
    """The first contact in the list's order (family name), to wait for on screen."""
    from netnet.data.contacts import list_contacts
    from netnet.data.stores import open_store

    store = open_store(target)
    try:
        rows = list_contacts(store)
        return rows[0].display_name if rows else "Your network is empty"
    finally:
        store.close()


def describe(label: str, times: list[float], unit: str = "s") -> str:
    scale = 1000 if unit == "ms" else 1
    fmt = "{:.0f}" if unit == "ms" else "{:.2f}"
    med, low, high = (fmt.format(v * scale) for v in (statistics.median(times), min(times), max(times)))
    return f"{label}, median of {len(times)}: {med} {unit} (min {low}, max {high})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=30000)
    parser.add_argument("--interactions", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--keys", type=int, default=30)
    add_engine_argument(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netnet-serve-bench-") as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NETNET_", "TEXTUAL"))}
        env.update(NETNET_DATA_DIR=f"{folder}/data", NETNET_CONFIG_DIR=f"{folder}/config",
                   NETNET_LOG_DIR=f"{folder}/log", HOME=folder)
        target = fresh_target(Path(folder) / "bench.db", args.db_url)
        build(target, args.contacts, args.interactions)
        first_row = first_row_name(target)
        server, url = start_server(target, env, args.sessions)
        try:
            print(f"netnet serve, {engine_name(target)}, {args.contacts:,} contacts, "
                  f"{args.interactions:,} interactions")
            if browser_paths() is not None:
                browser_page_loads(url, server, 1)  # warm the disk cache and Chromium's first start
                print(describe("page load in headless Chromium (link opened → first screen in the page)",
                               browser_page_loads(url, server, args.runs)))
            else:
                print("page load in headless Chromium: skipped, no chromium and chromedriver here")
            print(describe("page load without a browser (link opened → first contact row drawn)",
                           asyncio.run(socket_page_loads(url, server, args.runs, first_row))))
            print(describe(f"key echo in a call's notes ({args.keys} keys, 20 a second)",
                           asyncio.run(key_echo(url, server, args.keys)), unit="ms"))
            sizes, server_rss = asyncio.run(session_memory(url, server, args.sessions))
            shown = ", ".join(f"{size:.0f}" for size in sizes)
            print(f"memory per session (RSS of its netnet process), {len(sizes)} open at once: {shown} MB; "
                  f"the server itself: {server_rss:.0f} MB")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
