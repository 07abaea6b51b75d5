"""Opening a file to import as text, line by line, whatever encoding it was written in.

Address books write UTF-8 (with or without a byte-order mark), UTF-16 (Outlook
and Excel's "Unicode text", with a byte-order mark, sometimes without), or the
Windows code page of the machine (Latin-1 / Windows-1252). The encoding is
chosen once, before any line is read:

- a byte-order mark names it (UTF-8, UTF-16 LE or BE, UTF-32 LE or BE);
- without one, text whose every other byte is zero is UTF-16 without a mark;
- otherwise the whole file is checked as UTF-8 in 1 MB steps (memory stays
  flat); if it is not UTF-8 it is Windows-1252, or Latin-1 when it holds one
  of the five bytes Windows-1252 leaves undefined.

A file that is plainly not text (its first 4 KB mostly zero and control
bytes) is refused with one sentence. A stray NUL byte inside otherwise good
text is left for the importer, which rejects only the row holding it.

Lines are handed out with their line ends (CR, LF or CRLF, as the ``csv``
module wants them), decoded incrementally: the file is never held whole.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from netnet.core.records import FileRefused

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SNIFF = 4096
_STEP = 1024 * 1024
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1a\x1b")


@dataclass(frozen=True)
class Encoding:
    codec: str  # a Python codec name
    name: str  # how people call it: "UTF-8", "UTF-16", "Windows-1252", "Latin-1"
    skip: int  # bytes of byte-order mark to skip


def _binary(sample: bytes) -> bool:
    """Mostly NUL and control bytes: an image, an archive, a database, not text."""
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls * 10 > len(sample)


def _utf16_without_mark(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is zero, as in UTF-16 Latin text."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    if zero_odd > 0.4 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.4 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def detect(stream: BinaryIO, what: str) -> Encoding:
    """The encoding of a seekable binary stream (left at its start); FileRefused when not text."""
    stream.seek(0)
    sample = stream.read(_SNIFF)
    stream.seek(0)
    for mark, codec, name in _BOMS:
        if sample.startswith(mark):
            return Encoding(codec, name, len(mark))
    guess = _utf16_without_mark(sample)
    if guess:
        return Encoding(guess, "UTF-16", 0)
    if _binary(sample):
        raise FileRefused(f"it is a binary file, not {what} (it is not text in UTF-8, UTF-16 or Latin-1)")
    decoder = codecs.getincrementaldecoder("utf-8")()
    undefined = False
    utf8 = True
    while True:
        chunk = stream.read(_STEP)
        if utf8:
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                utf8 = False
        undefined = undefined or any(b in chunk for b in _CP1252_UNDEFINED)
        if not chunk:
            break
    stream.seek(0)
    if utf8:
        return Encoding("utf-8", "UTF-8", 0)
    if undefined:
        return Encoding("latin-1", "Latin-1", 0)
    return Encoding("cp1252", "Windows-1252", 0)


MAX_LINE = 1024 * 1024  # characters of one physical line kept; a longer one is handed out cut short


class Overlong(str):
    """The first ``MAX_LINE`` characters of a line that was longer (the rest was read and dropped)."""


class TextLines:
    """The lines of a binary stream decoded in the detected encoding, with their line ends.

    ``number`` is the 1-based number of the last line handed out. A line longer
    than ``max_line`` characters is handed out as an :class:`Overlong` holding
    its beginning, so one enormous line never sits in memory whole.
    """

    def __init__(self, stream: BinaryIO, what: str, max_line: int = MAX_LINE) -> None:
        self.what = what
        self.encoding = detect(stream, what)
        stream.seek(self.encoding.skip)
        self._text = io.TextIOWrapper(stream, encoding=self.encoding.codec, errors="strict", newline="")
        self.number = 0
        self.max_line = max_line

    def __iter__(self) -> Iterator[str]:
        read = self._text.readline
        try:
            while line := read(limit := self.max_line + 1):  # max_line may change between lines
                self.number += 1
                if len(line) > self.max_line and not line.endswith(("\n", "\r")):
                    head = line[:self.max_line]
                    while (rest := read(limit)) and not rest.endswith(("\n", "\r")):
                        pass
                    yield Overlong(head)
                    continue
                yield line
        except UnicodeDecodeError as exc:
            raise FileRefused(
                f"line {self.number + 1} is not {self.encoding.name} text although the file starts as "
                f"{self.encoding.name} (a damaged or mixed-encoding file), so it is not {self.what}"
            ) from exc


def open_binary(source) -> BinaryIO:
    """A seekable binary stream for bytes, or the stream given."""
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(source))
    return source
