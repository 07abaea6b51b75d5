"""Time from process start to the first screen drawn with contact rows.

    python benchmarks/startup.py [--contacts 10000] [--interactions N] [--runs 5]

Runs the installed ``netnet`` in a real pseudo-terminal and watches the screen
(through pyte) until a contact row is drawn; does the same for a bare Textual
app that draws one line, in the same run, and prints both medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import textwrap
import time
from fcntl import ioctl
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engines import add_engine_argument, db_args, engine_name, fresh_target  # noqa: E402
from network import build  # noqa: E402

BARE_APP = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("BARE READY")

    Bare().run()
""")


def time_to_text(argv: list[str], needle: str, env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from fork to ``needle`` being on the (emulated) screen."""
    screen = pyte.Screen(120, 36)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        os.execve(argv[0], argv, env)
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(fd, 1 << 16)
                except OSError:
                    break
                stream.feed(data)
                if any(needle in line for line in screen.display):
                    return time.perf_counter() - start
        raise RuntimeError(f"{needle!r} never appeared")
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
        os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    add_engine_argument(parser)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    netnet = bindir / "netnet"
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db = build(fresh_target(tmpdir / "bench.db", args.db_url), args.contacts, args.interactions)
        from netnet.data.contacts import list_contacts
        from netnet.data.stores import open_store

        store = open_store(db)
        first = list_contacts(store, limit=1)[0].display_name
        store.close()
        bare = tmpdir / "bare.py"
        bare.write_text(BARE_APP)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36",
               "NETNET_DATA_DIR": str(tmpdir / "data"), "NETNET_LOG_DIR": str(tmpdir / "log")}
        netnet_times, bare_times = [], []
        for _ in range(args.runs):
            bare_times.append(time_to_text([sys.executable, str(bare)], "BARE READY", env))
            netnet_times.append(time_to_text([str(netnet), *db_args(db)], first, env))
    n, b = statistics.median(netnet_times), statistics.median(bare_times)
    print(f"engine: {engine_name(db)}  contacts: {args.contacts:,}  interactions: {args.interactions:,}  "
          f"runs: {args.runs}")
    print(f"netnet first screen with rows: median {n:.3f} s (min {min(netnet_times):.3f}, max {max(netnet_times):.3f})")
    print(f"bare Textual app first screen: median {b:.3f} s (min {min(bare_times):.3f}, max {max(bare_times):.3f})")
    print(f"ratio: {n / b:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
