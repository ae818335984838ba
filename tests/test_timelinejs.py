"""Knight Lab TimelineJS timelines: the spreadsheet template (CSV, XLSX) and the v2 and v3 JSON
formats become events (Group as the lane), eras and problems; broken files are refused cleanly."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from bcpviewer.io.errors import LoadError
from bcpviewer.io.loader import load_file
from bcpviewer.io.timelinejs import plain
from bcpviewer.model.records import Dataset
from bcpviewer.model.spans import SpanKind
from bcpviewer.model.timeline import layout
from bcpviewer.model.vocab import EventKind

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "timelinejs"
HEADER = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
          "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
          "Background"]
ROWS = [
    ["", "", "", "", "", "", "", "", "", "BCP's improvement journey", "<p>From <b>inadequate</b> to good</p>",
     "", "", "", "", "title", "", ""],
    [2022, 2, 11, "", 2024, 12, 13, "", "", "Judged inadequate", "", "", "", "", "", "era", "", ""],
    [2021, 12, 6, "", 2021, 12, 17, "", "6-17 Dec 2021", "ILACS inspection",
     '<p>Overall <a href="https://www.ofsted.gov.uk">inadequate</a> &amp; a <script>alert(1)</script> note</p>',
     "https://reports.ofsted.gov.uk/x", "Ofsted", "", "", "", "Ofsted", ""],
    [2022, 6, "", "", "", "", "", "", "", "Monitoring visit 1", "Front door", "", "", "", "", "", "Ofsted", ""],
    [2020, "", "", "", "", "", "", "", "", "DfE adviser appointed", "", "", "", "", "", "", "Intervention", ""],
    [1815, 12, 10, "", "", "", "", "", "", "Ada Lovelace", "", "", "", "", "", "", "", ""],
    [2023, 2, 30, "", "", "", "", "", "", "No such day", "", "", "", "", "", "", "", ""],
    [2023, 5, 1, "", 2023, 4, 1, "", "", "Ends before it starts", "", "", "", "", "", "", "Scrutiny", ""],
]


def write_csv(path: Path) -> Path:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(ROWS)
    return path


def write_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Timeline"
    ws.append(HEADER)
    for row in ROWS:
        ws.append([None if v == "" else v for v in row])
    wb.save(path)
    return path


@pytest.mark.parametrize("make", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_timelinejs_sheet_becomes_events_lanes_and_an_era(tmp_path: Path, make) -> None:
    d = load_file(make(tmp_path / ("t.csv" if make is write_csv else "t.xlsx")))
    by = {e.title: e for e in d.events}
    assert set(by) == {"ILACS inspection", "Monitoring visit 1", "DfE adviser appointed", "Ends before it starts"}
    ilacs = by["ILACS inspection"]
    assert (ilacs.start, ilacs.end, ilacs.precision) == (date(2021, 12, 6), date(2021, 12, 17), SpanKind.DAY)
    assert ilacs.kind is EventKind.STANDARD_INSPECTION and ilacs.lane == "Ofsted" and ilacs.theme == "Ofsted"
    assert ilacs.notes.startswith("Overall inadequate & a alert(1) note")  # plain text, never markup
    assert "Dated in the timeline as: 6-17 Dec 2021" in ilacs.notes
    assert ilacs.source == "https://reports.ofsted.gov.uk/x"
    mv = by["Monitoring visit 1"]
    assert (mv.start, mv.precision, mv.kind, mv.when_label) == (date(2022, 6, 1), SpanKind.MONTH,
                                                                  EventKind.MONITORING_VISIT, "Jun 2022")
    assert by["DfE adviser appointed"].precision is SpanKind.YEAR
    assert by["Ends before it starts"].end is None
    assert [(e.label, e.start, e.end) for e in d.eras] == [("Judged inadequate", date(2022, 2, 11), date(2024, 12, 13))]
    assert d.notes == ("TimelineJS timeline: BCP's improvement journey",)
    messages = {p.row: p.message for p in d.problems}
    assert messages[7].startswith("year 1815 is outside 1900-2100")
    assert "February 2023 has no day 30" in messages[8]
    assert "end is before the start" in messages[9]
    assert ilacs.origin.row == 4 and d.problems[0].column.startswith("A (Year)")


def test_groups_become_lanes_and_eras_are_shaded_on_the_timeline(tmp_path: Path) -> None:
    d = load_file(write_csv(tmp_path / "t.csv"))
    lay = layout(d, as_of=date(2025, 1, 1))
    labels = [lane.label for lane in lay.lanes]
    assert labels == ["Ofsted", "Intervention", "Scrutiny"]
    assert [(e.label, e.kind) for e in lay.eras if e.kind == "source"] == [("Judged inadequate", "source")]


V2 = {"timeline": {
    "headline": "Whitney <i>Houston</i>", "type": "default", "startDate": "1963",
    "date": [
        {"startDate": "2011,12,12", "endDate": "2012,1,27", "headline": "Ofsted focused visit",
         "text": "<p>Two areas for <em>priority</em> action</p>", "tag": "Visits",
         "asset": {"media": "https://example.org/letter.pdf", "credit": "Ofsted"}},
        {"startDate": "1896,9,10,12,06", "headline": "Too early"},
        {"startDate": "2012", "headline": "A year only"},
        {"startDate": 2013, "headline": "A number"},
        {"startDate": None, "headline": None},
        "not an object",
    ],
    "era": [{"startDate": "2011,1,1", "endDate": "2012,12,31", "headline": "An era"}],
}}
V3 = {
    "title": {"text": {"headline": "Light", "text": "<p>A history</p>"}},
    "eras": [{"start_date": {"year": "2019"}, "end_date": {"year": 2022}, "text": {"headline": "Intervention"}}],
    "events": [
        {"start_date": {"year": "2021", "month": "12", "day": "6"}, "end_date": {"year": 2021, "month": 12, "day": 17},
         "text": {"headline": "ILACS standard inspection", "text": "Inadequate &lt;b&gt;"}, "group": "Ofsted",
         "unique_id": "ilacs-2021"},
        {"start_date": {"year": "-13800000000"}, "text": {"headline": "Big Bang"}},
        {"start_date": {"year": "1869", "month": "7", "day": "20", "hour": "20", "minute": "17"},
         "text": {"headline": "Too early"}},
        {"start_date": {"year": "2020", "month": "13"}, "text": {"headline": "Bad month"}},
        {"start_date": {"year": "twenty"}, "text": {"headline": "Bad year"}},
        {"start_date": [], "text": "not an object"},
    ],
}


def test_v2_json(tmp_path: Path) -> None:
    p = tmp_path / "v2.json"
    p.write_text(json.dumps(V2), encoding="utf-8")
    d = load_file(p)
    by = {e.title: e for e in d.events}
    assert set(by) == {"Ofsted focused visit", "A year only", "A number"}
    fv = by["Ofsted focused visit"]
    assert (fv.start, fv.end, fv.kind, fv.lane) == (date(2011, 12, 12), date(2012, 1, 27), EventKind.FOCUSED_VISIT, "Visits")
    assert fv.notes.startswith("Two areas for priority action") and fv.source == "https://example.org/letter.pdf"
    assert by["A number"].start == date(2013, 1, 1)
    assert [(e.label, e.start, e.end) for e in d.eras] == [("An era", date(2011, 1, 1), date(2012, 12, 31))]
    assert d.notes == ("TimelineJS timeline: Whitney Houston",)
    assert [(p.row, p.column) for p in d.problems] == [(2, "startDate")]
    assert "year 1896" in d.problems[0].message


def test_v3_json_with_strings_or_numbers_and_cosmological_years(tmp_path: Path) -> None:
    p = tmp_path / "v3.json"
    p.write_text(json.dumps(V3), encoding="utf-8")
    d = load_file(p)
    [e] = d.events
    assert (e.id, e.start, e.end, e.lane, e.notes) == ("ilacs-2021", date(2021, 12, 6), date(2021, 12, 17), "Ofsted",
                                                     "Inadequate <b>")  # an entity stays text, never markup
    assert [(x.label, x.start, x.end) for x in d.eras] == [("Intervention", date(2019, 1, 1), date(2022, 12, 31))]
    messages = [p.message for p in d.problems]
    assert any(m.startswith("year -13800000000 is outside 1900-2100") for m in messages)
    assert any(m.startswith("year 1869") for m in messages)
    assert any("there is no month 13" in m for m in messages)
    assert any("'twenty' is not a number" in m for m in messages)


@pytest.mark.parametrize(("content", "words"), [
    (b"", "empty (0 bytes)"),
    (b'{"events": [{"start_date": {"year": "2021"', "incomplete or not valid JSON (line 1"),
    (b'{"name": "a package.json"}', "not a TimelineJS timeline"),
    (b"[1, 2, 3]", "not a TimelineJS timeline"),
    (b'\xff\xfe{\x00}\x00', "not UTF-8"),
    (b"   \n ", "holds only spaces"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_broken_json_is_refused_in_one_sentence(tmp_path: Path, content: bytes, words: str) -> None:
    p = tmp_path / "broken.json"
    p.write_bytes(content)
    with pytest.raises(LoadError) as err:
        load_file(p)
    msg = str(err.value)
    assert words in msg and msg.endswith(".") and "\n" not in msg and msg[0].isupper()


def test_html_becomes_plain_text() -> None:
    assert plain('<p>One<br/>two</p><p>Three &amp; <a href="x">four</a></p>') == "One\ntwo\nThree & four"
    assert plain("&lt;script&gt;alert(1)&lt;/script&gt;") == "<script>alert(1)</script>"  # text, shown escaped
    assert plain(None) == "" and plain(1963.0) == "1963"


def test_details_name_the_json_entry(qtbot, tmp_path: Path) -> None:
    from bcpviewer.model.keys import item_key
    from bcpviewer.ui.items.details import DetailsView

    p = tmp_path / "v3.json"
    p.write_text(json.dumps(V3), encoding="utf-8")
    d = load_file(p)
    view = DetailsView()
    qtbot.addWidget(view)
    view.show_item(d, item_key(d.events[0]))
    assert "v3.json, entry 1 of the timeline" in view.toPlainText()


# -- every example in ../shared/corpus/timelinejs ---------------------------------------------------
EXAMPLES = sorted(p for p in CORPUS.rglob("*") if p.is_file()) if CORPUS.is_dir() else []
REFUSED = {"republican/timeline2.json": "empty (0 bytes)", "TimelineExample.json": "incomplete or not valid JSON"}


@pytest.mark.skipif(not EXAMPLES, reason="../shared/corpus/timelinejs is not present")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_corpus_example_loads_or_is_refused_cleanly(path: Path) -> None:
    refusal = next((w for name, w in REFUSED.items() if str(path).endswith(name)), None)
    if refusal is not None:
        with pytest.raises(LoadError, match=re.escape(refusal)):
            load_file(path)
        return
    d = load_file(path)
    assert isinstance(d, Dataset)
    for p in d.problems:
        assert p.message and "Traceback" not in p.message


@pytest.mark.skipif(not EXAMPLES, reason="../shared/corpus/timelinejs is not present")
def test_corpus_women_in_computing_reads_the_same_from_csv_and_json() -> None:
    csv_d = load_file(CORPUS / "TimelineJS3" / "women_in_computing.csv")
    json_d = load_file(CORPUS / "TimelineJS3" / "women_in_computing.json")
    assert len(csv_d.events) == len(json_d.events) == 9
    assert sorted(e.start for e in csv_d.events) == sorted(e.start for e in json_d.events)
    for d in (csv_d, json_d):  # Ada Lovelace (1815) is a problem, not a crash
        assert [p.message.split(" is outside")[0] for p in d.problems] == ["year 1815"]
    media = load_file(CORPUS / "TimelineJS3" / "all-media-types.json")
    assert {e.lane for e in media.events} - {None} == {"Image", "Video", "Audio", "HTML", "Social Media"}
    houston2, houston3 = (load_file(CORPUS / "TimelineJS3" / "houston" / f"timeline{v}.json") for v in (2, 3))
    assert [e.start for e in sorted(houston2.events, key=lambda e: e.start)] == \
        [e.start for e in sorted(houston3.events, key=lambda e: e.start)]


def test_a_number_too_long_to_read_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "long.json"
    p.write_text('{"events": [{"start_date": {"year": ' + "9" * 5000 + "}}]}", encoding="utf-8")
    with pytest.raises(LoadError, match="number too long"):
        load_file(p)
