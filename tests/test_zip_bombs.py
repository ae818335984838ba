"""Workbooks made to exhaust memory are refused by the guard before calamine sees them: parts that
inflate to gigabytes (declared or not), huge shared-string lists, a sheet of one cell repeated.

The packages are built here from pre-compressed repeats (a megabyte block deflated once, its bytes
repeated), so a 1.4 GB part costs a few kilobytes and no time to make."""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import pytest

from bcpviewer.io import workbook_guard
from bcpviewer.io.errors import LoadError
from bcpviewer.io.loader import load_file

ROOT = Path(__file__).resolve().parents[1]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def repeated(prefix: bytes, block: bytes, times: int, suffix: bytes) -> tuple[bytes, int]:
    """A raw deflate stream of prefix + block * times + suffix, and its inflated size: after a
    full flush the compressor starts afresh, so the block's compressed bytes repeat exactly."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    one = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(suffix) + c.flush(zlib.Z_FINISH)
    return head + one * times + tail, len(prefix) + len(block) * times + len(suffix)


def write_zip(path: Path, members: Iterable[tuple[str, bytes, int, int]]) -> Path:
    """A zip of (name, raw deflate data, declared size, crc) members, written by hand so that the
    declared size can be anything."""
    out, central = bytearray(), bytearray()
    for name, data, size, crc in members:
        n = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(n), 0)
        out += n + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data),
                               size, len(n), 0, 0, 0, 0, 0, offset)
        central += n
    count = len(list(members)) if not isinstance(members, list) else len(members)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(out), 0)
    path.write_bytes(bytes(out))
    return path


def deflated(text: str) -> tuple[bytes, int, int]:
    raw = text.encode()
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(raw) + c.flush(), len(raw), zlib.crc32(raw)


def workbook(path: Path, sheet: tuple[bytes, int, int] | None = None,
             strings: tuple[bytes, int, int] | None = None) -> Path:
    """A minimal .xlsx with one sheet 'Data'; ``sheet``/``strings`` replace its parts with
    (raw deflate data, declared size, crc)."""
    parts = {
        "[Content_Types].xml": deflated(
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"/>'),
        "_rels/.rels": deflated(
            f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{DOC_REL}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": deflated(
            f'<workbook {NS} xmlns:r="{DOC_REL}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": deflated(
            f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{DOC_REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{DOC_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": sheet or deflated(
            f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'
            "</worksheet>"),
        "xl/sharedStrings.xml": strings or deflated(f'<sst {NS}><si><t>Metric</t></si></sst>'),
    }
    return write_zip(path, [(name, data, size, crc) for name, (data, size, crc) in parts.items()])


def strings_bomb(mb: int, declared: int | None = None) -> tuple[bytes, int, int]:
    block = b"<si><t>a</t></si>" * (1 << 16)  # 1 MB of one-letter strings
    data, size = repeated(f'<sst {NS}>'.encode(), block, mb, b"</sst>")
    return data, size if declared is None else declared, 0


def test_the_good_workbook_reads(tmp_path: Path) -> None:
    d = load_file(workbook(tmp_path / "good.xlsx"))  # the builder makes real workbooks
    assert not any("cannot be read" in p.message for p in d.problems)


def test_shared_strings_inflating_to_gigabytes_are_refused_before_calamine(tmp_path: Path) -> None:
    path = workbook(tmp_path / "bomb.xlsx", strings=strings_bomb(1300))
    assert path.stat().st_size < 5_000_000  # like the 3.4 MB file that aborted the app
    with pytest.raises(LoadError, match=r"would expand to 1.4 GB, more than the 1 GB limit"):
        load_file(path)


def test_a_part_that_hides_its_size_is_refused_where_it_overruns(tmp_path: Path) -> None:
    # declares 1 KB (zipfile would stop there and could be given a matching CRC); inflates to 1.4 GB
    path = workbook(tmp_path / "liar.xlsx", strings=strings_bomb(1300, declared=1024))
    with pytest.raises(LoadError, match=r"inflates past its declared 1,024 bytes"):
        load_file(path)


def test_a_part_compressed_beyond_any_spreadsheet_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "dense.xlsx", strings=strings_bomb(300))  # 300 MB, under 1 GB
    with pytest.raises(LoadError, match=r"Part xl/sharedStrings.xml .* far more than any spreadsheet"):
        load_file(path)


def test_too_many_shared_strings_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_guard, "MAX_SHARED_STRINGS", 100_000)
    path = workbook(tmp_path / "many.xlsx", strings=strings_bomb(2))  # 131,072 strings, 2 MB
    with pytest.raises(LoadError, match=r"holds 131,072 different texts, more than the 100,000 limit"):
        load_file(path)


def test_a_sheet_of_one_cell_repeated_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    block = b'<c r="A1"><v>1</v></c>' * (1 << 15)
    data, size = repeated(f'<worksheet {NS}><sheetData><row r="1">'.encode(), block, 8,
                          b"</row></sheetData></worksheet>")
    path = workbook(tmp_path / "cells.xlsx", sheet=(data, size, 0))
    monkeypatch.setattr(workbook_guard, "MAX_CELL_TAGS", 100_000)  # 262,144 tags, a 1 x 1 area
    with pytest.raises(LoadError, match=r"Sheet 'Data' holds 262,144 cells, more than the 100,000-cell"):
        load_file(path)


def test_the_app_survives_the_bomb_in_a_process_of_its_own(tmp_path: Path) -> None:
    """End to end, as the window would read it: one sentence, no abort."""
    path = workbook(tmp_path / "bomb.xlsx", strings=strings_bomb(1300))
    code = ("import sys\nfrom bcpviewer.io.errors import LoadError\nfrom bcpviewer.io.loader import load_file\n"
            f"try:\n    load_file({str(path)!r})\nexcept LoadError as e:\n    print('refused:', e)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("refused: ") and "limit" in r.stdout


def test_zip_writer_round_trips_with_zipfile(tmp_path: Path) -> None:
    path = workbook(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert b"Metric" in z.read("xl/sharedStrings.xml")
