"""The workbook template writer: sheets, headers, drop-downs, formats, text safety, atomic save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from bcpviewer.io.layout import FIELDS, KINDS, SHEET_NAMES
from bcpviewer.io.template import (
    GRADE_CHOICES,
    KIND_CHOICES,
    POLARITY_CHOICES,
    STATUS_CHOICES,
    write_template,
)
from bcpviewer.model.vocab import SUBJUDGEMENTS, EventKind


def _col(kind: str, key: str) -> str:
    from openpyxl.utils import get_column_letter

    keys = [f.key for f in FIELDS[kind]]
    return get_column_letter(keys.index(key) + 1)


def _choices(wb: openpyxl.Workbook, formula: str) -> list[str]:
    sheet, ref = formula.lstrip("=").split("!")
    return [row[0].value for row in wb[sheet][ref.replace("$", "")]]


def _validated(ws) -> dict[str, str]:
    """Column letter -> list formula, for validations starting at row 2."""
    out: dict[str, str] = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list"
        for rng in dv.sqref.ranges:
            assert rng.min_row == 2 and rng.max_row >= 2000
            assert rng.min_col == rng.max_col
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    return out


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(path)
    return path


def test_sheets_in_order_with_layout_headers(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    visible = [ws.title for ws in wb if ws.sheet_state == "visible"]
    assert visible == ["Instructions"] + [SHEET_NAMES[k][0] for k in KINDS]
    assert wb["Lists"].sheet_state == "hidden"
    for kind in KINDS:
        ws = wb[SHEET_NAMES[kind][0]]
        headers = [c.value for c in ws[1]]
        assert headers == [f.header for f in FIELDS[kind]]
        assert all(c.font.b for c in ws[1])
        assert ws["A1"].fill.fill_type == "solid"
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.max_row == 1


def test_instructions_explain_every_column(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    text = "\n".join(
        str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value
    )
    for kind in KINDS:
        assert f"Sheet: {SHEET_NAMES[kind][0]}" in text
    col_a = [r[0].value for r in wb["Instructions"].iter_rows()]
    for kind in KINDS:
        for field in FIELDS[kind]:
            assert field.header in col_a
    for phrase in ("day first", "last day", "gap", "As at", "low"):
        assert phrase in text
    headers = {f.header for kind in KINDS for f in FIELDS[kind]}
    for row in wb["Instructions"].iter_rows(min_row=2):
        if row[0].value in headers:
            assert row[1].value, f"no help for {row[0].value}"


def test_drop_down_lists(blank: Path) -> None:
    wb = openpyxl.load_workbook(blank)
    actions = _validated(wb["Actions"])
    assert _choices(wb, actions[_col("actions", "status")]) == list(STATUS_CHOICES)
    assert _choices(wb, actions[_col("actions", "impact")]) == list(STATUS_CHOICES)
    events = _validated(wb["Events"])
    assert _choices(wb, events[_col("events", "kind")]) == [k.label for k in EventKind]
    assert list(KIND_CHOICES) == [k.label for k in EventKind]
    for key, _label in SUBJUDGEMENTS:
        assert _choices(wb, events[_col("events", key)]) == list(GRADE_CHOICES)
    metrics = _validated(wb["Metrics"])
    assert _choices(wb, metrics[_col("metrics", "polarity")]) == list(POLARITY_CHOICES)
    assert not _validated(wb["Sources"])


def test_date_columns_are_uk_format(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path, {"actions": [{"id": "A1", "title": "Do it", "due": date(2023, 3, 31)}]})
    ws = openpyxl.load_workbook(path)["Actions"]
    due = _col("actions", "due")
    assert ws.column_dimensions[due].number_format == "dd/mm/yyyy"
    assert ws[f"{due}2"].number_format == "dd/mm/yyyy"
    assert ws[f"{due}2"].value.date() == date(2023, 3, 31)
    assert ws.auto_filter.ref.endswith("2")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    titles = ["=1+1", "+44 1202", "-5 days", "@home", "=HYPERLINK(\"http://x\")"]
    write_template(path, {"actions": [{"title": t, "due": "Mar 2023"} for t in titles]})
    ws = openpyxl.load_workbook(path)["Actions"]
    col = _col("actions", "title")
    for r, t in enumerate(titles, start=2):
        assert ws[f"{col}{r}"].value == t
        assert ws[f"{col}{r}"].data_type == "s"
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Actions").to_python()
    assert [row[2] for row in sheet[1:]] == titles


def test_values_written_as_is(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path, {"metrics": [{"metric": "Agency rate", "period": "2023", "value": "c"},
                                      {"metric": "Agency rate", "period": date(2024, 9, 30),
                                       "value": 33.3}]},
                   region_label="South West")
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Metrics").to_python()
    assert sheet[0][5] == "South West"
    assert sheet[1][:3] == ["Agency rate", "2023", "c"]
    assert sheet[2][:3] == ["Agency rate", date(2024, 9, 30), 33.3]


def test_unknown_kind_or_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_template(tmp_path / "t.xlsx", {"widgets": []})
    with pytest.raises(ValueError):
        write_template(tmp_path / "t.xlsx", {"actions": [{"colour": "blue"}]})
    assert list(tmp_path.iterdir()) == []


def test_overwrite_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"not a workbook")
    write_template(path, {"actions": [{"id": "A1", "title": "First", "due": "Mar 2023"}]})
    write_template(path, {"actions": [{"id": "A2", "title": "Second", "due": "Apr 2023"}]})
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    ws = openpyxl.load_workbook(path)["Actions"]
    assert ws["A2"].value == "A2" and ws["C2"].value == "Second"


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.xlsx"
    write_template(path, {"actions": [{"id": "A1", "title": "Keep me", "due": "Mar 2023"}]})
    before = path.read_bytes()

    def boom(self, filename):  # noqa: ANN001
        Path(filename).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(OSError):
        write_template(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
