"""The command line: parse arguments, resolve paths, open the store, run."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from netnet.cli import run

    try:
        code = run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        code = 130
    return code


if __name__ == "__main__":
    sys.exit(main())
