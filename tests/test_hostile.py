"""Hostile and broken input: whatever bytes arrive under whatever name, load_file either returns a
Dataset (with Problems for what it could not use) or raises LoadError with one sentence; nothing
else escapes, nothing hangs, and nothing takes the process down. Also the size limits: a sheet
that only claims to be huge loads, and refusals name the limit that was hit."""

from __future__ import annotations

import codecs
import io
import itertools
import json
import re
import subprocess
import sys
import warnings
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bcpviewer.io import csvfile, grid, guard_zip, workbook_guard
from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.layout import FIELDS
from bcpviewer.io.loader import load_file
from bcpviewer.model.records import Dataset
from tests import messy

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv", ".txt", ".json")


def cfg(examples: int) -> settings:
    """A sensible number of examples, no per-example deadline (a workbook write takes a while)."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_counter = itertools.count()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def _fresh(scratch: Path, suffix: str) -> Path:
    return scratch / f"f{next(_counter)}{suffix}"


def check_load(path: Path, **kw: object) -> Dataset | LoadError:
    """load_file may return a Dataset or raise LoadError (one clear sentence); anything else is a
    bug and propagates to fail the test with its traceback."""
    try:
        data = load_file(path, **kw)  # type: ignore[arg-type]
    except LoadError as e:
        msg = str(e)
        assert msg, "empty LoadError"
        assert "\n" not in msg and "Traceback" not in msg, msg
        assert msg[0].isupper() and msg.endswith("."), msg
        assert len(msg) < 600, msg
        return e
    assert isinstance(data, Dataset)
    for p in data.problems:
        assert isinstance(p.message, str) and p.message and "Traceback" not in p.message
    return data


# -- (a) random bytes under every extension ----------------------------------------------------
PREFIXES = (b"", workbook_guard.ZIP_MAGIC, workbook_guard.OLE_MAGIC, codecs.BOM_UTF8,
            codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x05\x06", b"Metric,Period,Value\n")


@cfg(600)
@given(ext=st.sampled_from(EXTENSIONS), prefix=st.sampled_from(PREFIXES),
       body=st.binary(max_size=3000))
def test_random_bytes_under_every_extension(scratch: Path, ext: str, prefix: bytes, body: bytes) -> None:
    p = _fresh(scratch, ext)
    p.write_bytes(prefix + body)
    check_load(p)


@cfg(200)
@given(body=st.binary(min_size=512, max_size=4096), sector=st.sampled_from([9, 12]),
       fields=st.lists(st.integers(0, 2**32 - 1), min_size=12, max_size=12))
def test_random_ole_compound_files(scratch: Path, body: bytes, sector: int, fields: list[int]) -> None:
    """An OLE header that parses, with random tables behind it (the .xls path)."""
    header = bytearray(512)
    header[:8] = workbook_guard.OLE_MAGIC
    header[0x1A:0x1C] = (3).to_bytes(2, "little")
    header[0x1C:0x1E] = b"\xfe\xff"
    header[0x1E:0x20] = sector.to_bytes(2, "little")
    header[0x20:0x22] = (6).to_bytes(2, "little")
    for k, v in enumerate(fields[:6]):
        header[0x2C + 4 * k : 0x30 + 4 * k] = v.to_bytes(4, "little")
    for k, v in enumerate(fields[6:]):
        header[0x4C + 4 * k : 0x50 + 4 * k] = (v % 16).to_bytes(4, "little")
    p = _fresh(scratch, ".xls")
    p.write_bytes(bytes(header) + body)
    check_load(p)


# -- (b) random valid workbooks with the app's headers -------------------------------------------
SHEET_NAMES = {"actions": "Actions", "events": "Timeline", "metrics": "Metrics",
               "sources": "Sources", None: "Notes"}
AWKWARD_TEXT = (
    "TBC", "ongoing", "n/a", "31/02/2023", "31/03/2022", "3/4/22", "Q3 2023/24", "2023 Q3",
    "2021/22", "FY2021/22", "Mar-24", "March 2022", "as at 31/03/2024", "6-17 Dec 2021",
    "28 Jun-2 Jul 2021", "1,234", "37.4%", "£1,200", "(12)", "1e400", "-1e400", "inf", "nan",
    "NaN", "c", "x", "z", ":", "-", "*", "Red", "R", "Amber - some slippage", "Complete (March)",
    "not yet complete", "Outstanding", "RI", "Inadequate", "4", "FV", "monitoring visit",
    "statutory direction revoked", "lower is better", "=SUM(A1:A3)", "=1/0", "=(", "@cmd",
    "+cmd|' /C calc'!A0", "-2+3", "\t=tab", "\u202egnp.exe", "\u0000", "\ufeffBOM", "é\u0301",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "中文", "العربية", "line\nbreak", "  padded  ", "", " ",
    "https://example.org/a?b=c&d=<e>", "javascript:alert(1)", "A" * 300,
    "x" * 40_000, "1-" * 3000 + "2022", "2022-" * 2000, "Q" * 5000,
)
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
CELL = st.one_of(
    st.none(),
    _text,
    st.sampled_from(AWKWARD_TEXT),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**30), 10**30),
    st.integers(-(2**63), 2**63),
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 31)),
    st.times(),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=100_000)),
    st.booleans(),
)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _writable(v: object) -> object:
    return _ILLEGAL.sub("?", v) if isinstance(v, str) else v


def _synonyms(kind: str | None) -> list[str]:
    if kind is None:
        return ["Cost centre", "Amount", "Comments", "Notes"]
    return [s for f in FIELDS[kind] for s in f.synonyms]


@st.composite
def workbook_specs(draw: st.DrawFn) -> dict[str, object]:
    kinds = draw(st.lists(st.sampled_from(["actions", "events", "metrics", "sources", None]),
                          min_size=1, max_size=3, unique=True))
    sheets = []
    for kind in kinds:
        headers = draw(st.lists(st.sampled_from(_synonyms(kind)), min_size=1, max_size=9,
                                unique_by=lambda s: s.lower()))
        width = len(headers) + draw(st.integers(0, 2))
        sheets.append({
            "name": SHEET_NAMES[kind] if draw(st.booleans()) else draw(
                st.text(alphabet="abcXYZ 0123-_", min_size=1, max_size=20)) + f" {len(sheets)}",
            "titles": draw(st.lists(st.lists(CELL, max_size=3), max_size=3)),
            "headers": headers,
            "rows": draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=10)),
            "merges": draw(st.lists(st.tuples(st.integers(1, 14), st.integers(1, 12),
                                              st.integers(0, 4), st.integers(0, 3)), max_size=3)),
        })
    return {"sheets": sheets, "lie_dimension": draw(st.booleans())}


def write_workbook(spec: dict[str, object], path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sh in spec["sheets"]:  # type: ignore[attr-defined]
        ws = wb.create_sheet(sh["name"])
        for row in [*sh["titles"], sh["headers"], *sh["rows"]]:
            ws.append([_writable(v) for v in row])
        for r, c, dr, dc in sh["merges"]:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
    wb.save(path)
    if spec["lie_dimension"]:
        _rewrite(path, lambda name, data: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
            if name.startswith("xl/worksheets/") else data)
    return path


def _rewrite(path: Path, change, drop: str | None = None, duplicate: str | None = None) -> None:
    """Rewrite a zip package member by member (optionally dropping or duplicating one)."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we add on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                if info.filename == drop:
                    continue
                data = change(info.filename, src.read(info))
                out.writestr(info.filename, data)
                if info.filename == duplicate:
                    out.writestr(info.filename, data[: len(data) // 2])


@cfg(150)
@given(spec=workbook_specs())
def test_random_workbooks_with_the_apps_headers(scratch: Path, spec: dict[str, object]) -> None:
    p = write_workbook(spec, _fresh(scratch, ".xlsx"))
    result = check_load(p)
    assert isinstance(result, Dataset), result  # a well-formed workbook is never refused


# -- (c) mutated copies of valid workbooks and CSVs ---------------------------------------------
def _bases(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    out = [messy.messy_tracker(folder / "tracker.xlsx"),
           messy.messy_chronology(folder / "chronology.xlsx"),
           messy.messy_scorecard(folder / "scorecard.xlsx")]
    if CORPUS.is_dir():  # real .xls, .ods and .xlsm files when the shared corpus is present
        for pattern in ("*.xls", "*.ods", "*.xlsm"):
            out += sorted(p for p in CORPUS.rglob(pattern) if p.stat().st_size < 300_000)[:4]
    return out


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> list[bytes | tuple[str, bytes]]:
    return [(p.suffix, p.read_bytes()) for p in _bases(tmp_path_factory.mktemp("bases"))]


XML_TOKENS = (b'<c r="XFD1048576"><v>1</v></c>', b'<c r="A1"><v>2</v></c>', b"<row>", b"</row>",
              b"<c>", b"</c>", b'r="A0"', b'r="ZZZZ99999999"', b't="s"', b"<v>999999999</v>",
              b"&amp;", b"&#0;", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"&a;", b"<x:c r=\"B2\">",
              b'<mergeCell ref="A1:XFD1048576"/>', b'<dimension ref="A1:XFD1048576"/>', b"\x00",
              b"<is><t>", b"</t></is>", b'<sheet name="X" sheetId="9" r:id="rId99"/>')


@cfg(600)
@given(data=st.data())
def test_mutated_workbooks(scratch: Path, bases: list[tuple[str, bytes]], data: st.DataObject) -> None:
    suffix, original = data.draw(st.sampled_from(bases), label="base")
    how = data.draw(st.sampled_from(["truncate", "flip", "drop", "duplicate", "xml"]), label="how")
    p = _fresh(scratch, suffix)
    buf = bytearray(original)
    if how == "truncate":
        del buf[data.draw(st.integers(1, len(buf) - 1), label="at") :]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 12), label="flips")):
            at = data.draw(st.integers(0, len(buf) - 1))
            buf[at] ^= 1 << data.draw(st.integers(0, 7))
    p.write_bytes(bytes(buf))
    if how in ("drop", "duplicate", "xml"):
        if not original.startswith(workbook_guard.ZIP_MAGIC):
            return check_load(p) and None
        names = zipfile.ZipFile(io.BytesIO(original)).namelist()
        member = data.draw(st.sampled_from(names), label="member")
        if how == "drop":
            _rewrite(p, lambda n, d: d, drop=member)
        elif how == "duplicate":
            _rewrite(p, lambda n, d: d, duplicate=member)
        else:
            edits = data.draw(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40),
                                                 st.sampled_from(XML_TOKENS)), min_size=1,
                                       max_size=4), label="edits")

            def change(name: str, d: bytes) -> bytes:
                if name != member:
                    return d
                for frac, cut, token in edits:
                    at = int(frac * len(d))
                    d = d[:at] + token + d[at + cut :]
                return d

            _rewrite(p, change)
    result = check_load(p)
    event(f"{suffix} {how}: {'loaded' if isinstance(result, Dataset) else 'refused'}")


CSV_TEXTS = (
    "Ref,Action,Owner,Due date,Status\r\nA1,Café review,Zoë,31/3/23,R\r\nA2,\"Quoted, comma\",,TBC,Green\r\n",
    "Date;Event;Type;Overall effectiveness\n06/12/2021;ILACS;standard inspection;Inadequate\n",
    "Metric\tPeriod\tValue\tEngland\nRe-referrals\t2021/22\t24.1%\t21.5\nRe-referrals\tQ1 2023/24\tc\t\n",
    "time_period,time_identifier,geographic_level,country_code,country_name,region_name,"
    "old_la_code,new_la_code,la_name,cla_rate_per_10000\n202223,Financial year,National,"
    "E92000001,England,,,,,71\n202223,Financial year,Local authority,E92000001,England,South West,"
    "839,E06000058,\"Bournemouth, Christchurch and Poole\",x\n",
    "Title,URL\nOfsted report,https://reports.ofsted.gov.uk/\n",
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1",
             "utf-32", "mac-roman")


@cfg(400)
@given(text=st.one_of(st.sampled_from(CSV_TEXTS), st.text(max_size=400)),
       encoding=st.sampled_from(ENCODINGS), ext=st.sampled_from([".csv", ".tsv", ".txt"]),
       bom=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]),
       nuls=st.lists(st.floats(0, 1), max_size=3), quote=st.booleans(),
       newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_mutated_csv_files(scratch: Path, text: str, encoding: str, ext: str, bom: bytes,
                           nuls: list[float], quote: bool, newline: str) -> None:
    text = text.replace("\r\n", "\n").replace("\n", newline)
    if quote:
        text = text[: len(text) // 2] + '"' + text[len(text) // 2 :]
    data = bytearray(bom + text.encode(encoding, errors="replace"))
    for frac in nuls:
        data.insert(int(frac * len(data)), 0)
    p = _fresh(scratch, ext)
    p.write_bytes(bytes(data))
    result = check_load(p)
    event("loaded" if isinstance(result, Dataset) else "refused")


DFE_HEADER = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name",
              "region_name", "old_la_code", "new_la_code", "la_name", "population_type",
              "cla_rate_per_10000", "agency_rate")
_DFE_COLUMNS = (
    ["202223", "2023", "000000", "999999", "202399", "0000", "20xx", "", "2023/24"],
    ["Financial year", "Academic year", "Calendar year", "", "Spring term"],
    ["National", "Regional", "Local authority", "", "Ward"],
    ["E92000001", ""], ["England", ""], ["South West", "London", ""], ["839", "1", ""],
    ["E06000058", ""], ["Bournemouth, Christchurch and Poole", "Poole", ""], ["Total", "Boys", ""],
    ["71", "x", "c", "z", "-1", "1e400", "NaN", "37.4%", ""], ["17.2", "low", ":", "", "n/a"],
)
DFE_ROW = st.tuples(*(st.one_of(st.sampled_from(c), _text) for c in _DFE_COLUMNS)).map(list)


@cfg(150)
@given(rows=st.lists(st.one_of(DFE_ROW, DFE_ROW.map(lambda r: r[:7])), max_size=12),
       council=st.sampled_from([None, "839", "E06000058", "Poole", "", "nowhere"]))
def test_random_dfe_statistics_files(scratch: Path, rows: list[list[str]], council: str | None) -> None:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(DFE_HEADER)
    writer.writerows(rows)
    p = _fresh(scratch, ".csv")
    p.write_text(buf.getvalue(), encoding="utf-8")
    assert isinstance(check_load(p, council=council), Dataset)


def test_csv_in_the_common_encodings_reads_the_same(tmp_path: Path) -> None:
    text = "Ref,Action,Owner,Due date,Status\nA1,Café review,Zoë,31/3/23,R\n"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"):
        p = tmp_path / f"{encoding}.csv"
        p.write_bytes(text.encode(encoding))
        d = load_file(p)
        assert [(a.id, a.title, a.owner) for a in d.actions] == [("A1", "Café review", "Zoë")], encoding


def test_stray_nul_bytes_do_not_refuse_a_csv(tmp_path: Path) -> None:
    p = tmp_path / "nul.csv"
    rows = b"".join(b"B%d,Audit,TBC\r\n" % i for i in range(400))
    p.write_bytes(b"Ref,Action,Due date\r\nA1,Recruit\x00 staff,31/03/2023\r\n" + rows
                  + b"A3,Late\x00,31/03/2024\r\n")
    d = load_file(p)
    assert [a.title for a in d.actions][:1] == ["Recruit staff"] and len(d.actions) == 402


def test_huge_cell_text_in_a_csv_is_read(tmp_path: Path) -> None:
    p = tmp_path / "long.csv"
    p.write_text("Ref,Action,Due date,Notes\nA1,Recruit,31/03/2023," + "n" * 300_000 + "\n",
                 encoding="utf-8")
    d = load_file(p)
    assert len(d.actions) == 1 and len(d.actions[0].notes or "") == 300_000


# -- cancelling ----------------------------------------------------------------------------------
@cfg(40)
@given(after=st.integers(0, 30))
def test_cancelling_at_any_point_raises_cancelled_only(scratch: Path, after: int) -> None:
    p = scratch / "cancel-me.xlsx"
    if not p.exists():
        messy.messy_tracker(p)
    calls = itertools.count()
    try:
        load_file(p, cancelled=lambda: next(calls) >= after)
    except Cancelled:
        pass


# -- the size limits -----------------------------------------------------------------------------
def _raw_xlsx(path: Path, sheet_data: str, dimension: str = "A1") -> Path:
    """A workbook whose one sheet's XML is exactly ``sheet_data`` (cells written by hand)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Metrics"
    wb.active["A1"] = "x"
    wb.save(path)
    body = ('<?xml version="1.0" encoding="UTF-8"?><worksheet '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>')
    _rewrite(path, lambda n, d: body.encode() if n == "xl/worksheets/sheet1.xml" else d)
    return path


def _istr(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


METRICS_ROWS = ('<row r="1">' + _istr("A1", "Metric") + _istr("B1", "Period") + _istr("C1", "Value")
                + '</row><row r="2">' + _istr("A2", "Agency rate") + _istr("B2", "2022/23")
                + '<c r="C2"><v>17.5</v></c></row>')


def test_a_sheet_that_only_claims_to_be_huge_loads(tmp_path: Path) -> None:
    p = _raw_xlsx(tmp_path / "claims.xlsx", METRICS_ROWS, dimension="A1:XFD1048576")
    d = load_file(p)
    assert [(s.name, [o.value for o in s.observations]) for s in d.series] == [("Agency rate", [17.5])]


BOMBS = {
    "corners": '<row r="1"><c r="A1"><v>1</v></c></row>'
               '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
    "attribute-order": '<row r="1"><c s="0" r="A1"><v>1</v></c></row>'
                       '<row r="1048576"><c s="0" r="XFD1048576"><v>2</v></c></row>',
    "prefixed": '<row r="1"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
                ' r="A1"><x:v>1</x:v></x:c></row><row r="1048576"><x:c xmlns:x="http://schemas.'
                'openxmlformats.org/spreadsheetml/2006/main" r="XFD1048576"><x:v>2</x:v></x:c></row>',
    "no-refs": '<row><c><v>1</v></c></row><row r="1048576"><c r="XFA1048576"/><c><v>2</v></c>'
               '<c><v>3</v></c></row>',
    "out-of-order": '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
                    '<row r="1"><c r="A1"><v>1</v></c></row>',
    "rows-only": '<row r="1"><c r="A1"><v>1</v></c></row>'
                 '<row r="4000000000"><c r="B4000000000"><v>2</v></c></row>',
}


def test_cells_far_apart_are_refused_before_calamine_builds_the_grid(tmp_path: Path) -> None:
    """calamine densifies A1..XFD1048576 (550 GB) and a failed allocation aborts the process: each
    file is read in a child process so that a regression fails this test, not the whole run."""
    files = [str(_raw_xlsx(tmp_path / f"{name}.xlsx", xml)) for name, xml in BOMBS.items()]
    code = (
        "import json, resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))\n"
        "from bcpviewer.io.errors import LoadError\n"
        "from bcpviewer.io.loader import load_file\n"
        "out = {}\n"
        "for f in sys.argv[1:]:\n"
        "    try:\n"
        "        load_file(f)\n"
        "        out[f] = 'loaded'\n"
        "    except LoadError as e:\n"
        "        out[f] = str(e)\n"
        "print(json.dumps(out))\n"
    )
    r = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    results = json.loads(r.stdout)
    for f in files:
        assert f"more than the {grid.MAX_SHEET_CELLS:,}-cell limit" in results[f], (f, results[f])
        assert "Sheet 'Metrics'" in results[f]


def _raw_ods(path: Path, rows_xml: str) -> Path:
    """An OpenDocument spreadsheet whose one table is exactly ``rows_xml``."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Metrics">' + rows_xml
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _ods_cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def _ods_row(*cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{''.join(cells)}</table:table-row>"


ODS_METRICS = (_ods_row(_ods_cell("Metric"), _ods_cell("Period"), _ods_cell("Value"))
               + _ods_row(_ods_cell("Agency rate"), _ods_cell("2022/23"), _ods_cell("17.5")))


def test_repeated_cells_in_an_ods_are_refused_before_calamine_builds_them(tmp_path: Path) -> None:
    """800 bytes of OpenDocument can repeat an empty row 90,000 times and then put a value past
    column 1,000: calamine would build all 90 million cells (2.9 GB) before its own check."""
    bomb = _raw_ods(tmp_path / "repeats.ods", ODS_METRICS + _ods_row(
        '<table:table-cell table:number-columns-repeated="1"/>', repeat=90_000) + _ods_row(
        '<table:table-cell table:number-columns-repeated="1000"/>', _ods_cell("far")))
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))\n"
        "from bcpviewer.io.errors import LoadError\n"
        "from bcpviewer.io.loader import load_file\n"
        "try:\n    load_file(sys.argv[1]); print('loaded')\n"
        "except LoadError as e:\n    print(e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Sheet 'Metrics' spans 90,003 rows x 1,001 columns" in r.stdout, r.stdout
    assert f"more than the {grid.MAX_SHEET_CELLS:,}-cell limit" in r.stdout


def test_an_ods_padded_with_empty_rows_and_columns_loads(tmp_path: Path) -> None:
    """LibreOffice writes formatted empty space as repeats to the end of the sheet: not data."""
    padded = _raw_ods(tmp_path / "padded.ods", ODS_METRICS.replace(
        "</table:table-row>", '<table:table-cell table:number-columns-repeated="1021"/>'
        "</table:table-row>") + _ods_row('<table:table-cell table:number-columns-repeated="1024"/>',
                                         repeat=1_048_574))
    d = load_file(padded)
    assert [(s.name, [o.value for o in s.observations]) for s in d.series] == [("Agency rate", [17.5])]


def test_a_wide_but_legitimate_sheet_is_counted_exactly_and_loads(tmp_path: Path) -> None:
    """Two-letter columns and six-digit rows bound the area at 700 million cells, so its corners
    are counted exactly: 28 columns x 112,000 rows is well inside the limit and loads."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="AB{r}"><v>{r}</v></c></row>'
        for r in range(100_001, 112_001)
    )
    p = _raw_xlsx(tmp_path / "wide.xlsx", METRICS_ROWS + rows)
    result = check_load(p)
    assert isinstance(result, Dataset), result


def _xlsb_record(typ: int, body: bytes) -> bytes:
    """One .xlsb record: type and size as 7-bit varints, then the body."""
    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
            n >>= 7
            if not n:
                return bytes(out)
    return varint(typ) + varint(len(body)) + body


def test_xlsb_cells_far_apart_are_measured_from_the_records(tmp_path: Path) -> None:
    """The binary sheet's records are walked as calamine walks them (no .xlsb writer exists to
    build a whole workbook, so the sheet part is checked on its own)."""
    import struct as st_

    cell = lambda col: _xlsb_record(0x05, st_.pack("<IId", col, 0, 1.0))  # noqa: E731 BrtCellReal
    row = lambda r: _xlsb_record(0x00, st_.pack("<I", r) + bytes(8))  # noqa: E731 BrtRowHdr
    sheet = (_xlsb_record(0x81, b"") + _xlsb_record(0x91, b"") + row(0) + cell(0)
             + _xlsb_record(0x01, st_.pack("<II", 5, 0))  # a blank cell: calamine skips it
             + row(1_048_575) + cell(16_383) + _xlsb_record(0x92, b""))
    p = tmp_path / "parts.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("xl/worksheets/sheet1.bin", sheet)
        z.writestr("xl/worksheets/sheet2.bin", _xlsb_record(0x91, b"") + row(3) + cell(2) + cell(7)
                   + row(2_000_000) + cell(99_999) + _xlsb_record(0x92, b""))
    with zipfile.ZipFile(p) as z:
        assert guard_zip.xlsb_extent(z, "xl/worksheets/sheet1.bin") == (1_048_576, 16_384)
        # a row past 2^20 ends calamine's reading of the sheet: what follows is not counted
        assert guard_zip.xlsb_extent(z, "xl/worksheets/sheet2.bin") == (1, 6)


def test_the_cell_limit_is_named_when_hit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = messy.messy_tracker(tmp_path / "t.xlsx")
    monkeypatch.setattr(workbook_guard, "MAX_SHEET_CELLS", 50)
    with pytest.raises(LoadError, match=r"more than the 50-cell limit"):
        load_file(p)
    monkeypatch.setattr(workbook_guard, "COARSE_CELLS", 10)  # the exact count before calamine
    with pytest.raises(LoadError, match=r"Sheet 'Improvement Plan' spans .* more than the 50-cell limit"):
        load_file(p)


def test_the_uncompressed_size_limit_is_named_when_hit(tmp_path: Path, monkeypatch) -> None:
    p = messy.messy_tracker(tmp_path / "t.xlsx")
    monkeypatch.setattr(workbook_guard, "MAX_UNCOMPRESSED_BYTES", 5000)
    with pytest.raises(LoadError, match=r"would expand to [\d.]+ KB, more than the 5 KB limit"):
        load_file(p)


def test_the_text_size_limit_is_named_when_hit(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "big.csv"
    p.write_text("Ref,Action,Due date\n" + "A1,Recruit,31/03/2023\n" * 200, encoding="utf-8")
    monkeypatch.setattr(csvfile, "MAX_TEXT_BYTES", 2_000)
    with pytest.raises(LoadError, match=r"is [\d.]+ KB, more than the 2 KB limit"):
        load_file(p)


def test_corpus_xls_with_a_column_past_excels_grid_is_refused(tmp_path: Path) -> None:
    """An .xls cell record pointing at column 65,535 (Excel stops at 256) would make calamine
    build a 65,536 x 65,536 grid: refused by reading the BIFF records first."""
    src = CORPUS / "openpyxl_testdata" / "python-calamine" / "any_sheets.xls"
    if not src.exists():
        pytest.skip("the shared corpus is not present")
    data = bytearray(src.read_bytes())
    cells = sorted(m.start() for m in re.finditer(rb"\xfd\x00\x0a\x00|\x03\x02\x0e\x00", data))
    assert len(cells) >= 2  # LABELSST and NUMBER records: row, column first
    data[cells[0] + 4 : cells[0] + 8] = b"\x00\x00\x00\x00"
    data[cells[-1] + 4 : cells[-1] + 8] = b"\xff\xff\xff\xff"
    p = tmp_path / "bomb.xls"
    p.write_bytes(bytes(data))
    code = ("import sys\nfrom bcpviewer.io.errors import LoadError\nfrom bcpviewer.io.loader import "
            "load_file\ntry:\n    load_file(sys.argv[1]); print('loaded')\nexcept LoadError as e:\n"
            "    print(e)\n")
    r = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "65,536 columns" in r.stdout and "-cell limit" in r.stdout
    assert isinstance(check_load(src), Dataset)  # the untouched file still loads
