"""The analyses (issue 10) in the exports: briefing pack, summary workbook, export dialog and command line."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from bcpviewer.io.loader import load_file
from bcpviewer.io.summary_xlsx import write_summary
from bcpviewer.model.briefing import (
    ANALYSIS_KEYS,
    BriefOptions,
    analyses_available,
    build_briefing,
    own_council,
)
from bcpviewer.model.journeys import journeys, median_months_to_reinspection
from bcpviewer.model.records import Action, Dataset, Event, MetricSeries, Observation, Target
from bcpviewer.model.spans import Span
from bcpviewer.model.versions import compare_plans
from bcpviewer.model.vocab import EventKind, Grade, Polarity, Status
from tests.test_report import pdf_text, squeeze
from tests.test_summary_xlsx import AS_OF, NOW, SAMPLE, rows

pytest.importorskip("pypdf")
OWN = "Bournemouth, Christchurch and Poole"
NEW_ACTION = "A9.01"
DROPPED = "Commission an independent review of the front door thresholds"


# -- data made in code --------------------------------------------------------------------------------------
def older_plan(actions: tuple[Action, ...]) -> tuple[Action, ...]:
    """The tracker as it stood a year earlier: dates 92 days sooner, an owner and a status different,
    one action not yet added and one since dropped."""
    out = []
    for a in actions:
        if a.id == "A2.06":  # due later now than then: re-dated by +92 days
            a = dataclasses.replace(a, due=date.fromordinal(a.current_due.toordinal() - 92), revised_due=())
        if a.id == "A3.01":
            a = dataclasses.replace(a, owner="Head of Service, Early Help")
        if a.id == "A6.05":
            a = dataclasses.replace(a, status=Status.AMBER)
        out.append(a)
    out.append(Action("A2.99", DROPPED, workstream="2. Front door", owner="Head of MASH",
                      due=date(2023, 3, 31), status=Status.AMBER))
    return tuple(out)


def newer_plan(actions: tuple[Action, ...]) -> tuple[Action, ...]:
    return actions + (Action(NEW_ACTION, "Set up a care leavers' forum that meets every quarter",
                             workstream="5. Care leavers", owner="Head of Care Leavers",
                             due=date(2027, 3, 31), status=Status.GREEN),)


def with_disagreements(d: Dataset) -> Dataset:
    """The sample plus a second account of monitoring visit 1 (other dates) and a later release of the
    agency rate (another figure for 30 Sep 2023)."""
    visit = next(e for e in d.events if e.id == "E10")
    other = dataclasses.replace(visit, id="E10b", start=date(2022, 6, 14), end=date(2022, 6, 15), source="S2")
    agency = next(s for s in d.series if s.name == "Agency social worker rate")
    revised = dataclasses.replace(
        agency, id="M-agency-2024", source="S2", release="CSWW 2024 release", targets=(),
        observations=tuple(o._replace(value=36.9, release="CSWW 2024 release")
                           if o.period.end == date(2023, 9, 30) else o for o in agency.observations))
    return dataclasses.replace(d, events=d.events + (other,), series=d.series + (revised,))


def inspection(council: str, start: date, published: date, grade: Grade) -> Event:
    return Event(f"{council[:3]}-{start.isoformat()}", EventKind.STANDARD_INSPECTION, f"ILACS: {grade.label}",
                 start, end=start.replace(day=min(start.day + 11, 28)), published=published,
                 grades={"overall": grade})


def agency_series(council: str, values: dict[int, float | None]) -> MetricSeries:
    obs = tuple(Observation(Span.day(date(y, 9, 30)), v, None if v is not None else "x")
                for y, v in sorted(values.items()))
    return MetricSeries(f"agency-{council}", "Agency social worker rate", "%", Polarity.LOWER_IS_BETTER,
                        observations=obs)


def make_journeys() -> list:
    events = {
        OWN: [inspection(OWN, date(2021, 12, 6), date(2022, 2, 11), Grade.INADEQUATE),
              inspection(OWN, date(2024, 12, 2), date(2025, 1, 29), Grade.GOOD)],
        "Northshire": [inspection("Northshire", date(2018, 5, 8), date(2018, 7, 2), Grade.INADEQUATE),
                       inspection("Northshire", date(2021, 6, 7), date(2021, 8, 1),
                                  Grade.REQUIRES_IMPROVEMENT)],
        "Eastborough": [inspection("Eastborough", date(2022, 10, 3), date(2022, 12, 1), Grade.INADEQUATE)],
        "Westmere": [inspection("Westmere", date(2019, 2, 4), date(2019, 4, 1), Grade.INADEQUATE),
                     inspection("Westmere", date(2022, 3, 7), date(2022, 5, 3), Grade.GOOD)],
    }
    series = {
        OWN: agency_series(OWN, {2019: 8.0, 2020: 17.2, 2021: 37.4, 2022: 36.6, 2023: 36.7, 2024: 33.3,
                                 2025: 28.3}),
        "Northshire": agency_series("Northshire", {2017: 22.0, 2018: 25.1, 2019: 21.0, 2020: None, 2021: 15.2,
                                                   2022: 12.9}),
        "Eastborough": agency_series("Eastborough", {2021: 18.0, 2022: 19.5, 2023: 17.0, 2024: 15.5,
                                                     2025: 14.0}),
        "Westmere": agency_series("Westmere", {2018: 30.2, 2019: 28.0, 2020: 24.4, 2021: 19.9, 2022: 16.1,
                                               2023: 15.0}),
    }
    return journeys([OWN, "Northshire", "Eastborough", "Westmere"], events, series, as_of=AS_OF)


APP_TARGET = Target(25.0, date(2024, 9, 30))
JOURNEY_ARGS = {"journey_metric": "Agency social worker rate", "journey_unit": "%",
                "journey_anchor": "months since the latest inadequate judgement"}


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_file(SAMPLE)


@pytest.fixture(scope="module")
def full(sample):
    """A briefing with every analysis: impact, targets (one entered in the app), plan changes,
    journeys and disagreeing sources."""
    data = with_disagreements(dataclasses.replace(sample, actions=newer_plan(sample.actions)))
    vacancy = next(s for s in data.series if s.name == "Social worker vacancy rate")
    comparison = compare_plans(older_plan(sample.actions), data.actions, old_label="Plan as at Oct 2025",
                               new_label="Plan as at Oct 2026")
    return build_briefing(
        data, [], BriefOptions(as_of=AS_OF), now=NOW,
        metric_links={"action:A4.01": vacancy.id},
        extra_targets={vacancy.id: (APP_TARGET,)},
        comparison=comparison, journeys=make_journeys(), **JOURNEY_ARGS)


@pytest.fixture(scope="module")
def full_pdf(full, qapp, tmp_path_factory):
    from bcpviewer.report import output

    out = tmp_path_factory.mktemp("analyses") / "pack.pdf"
    result = output.write_pdf(out, full)
    pages, _reader = pdf_text(out)
    return result, pages


@pytest.fixture(scope="module")
def full_xlsx(full, tmp_path_factory):
    out = tmp_path_factory.mktemp("analyses") / "summary.xlsx"
    write_summary(out, full)
    return load_workbook(out)


def section_text(result, pages: list[str], title: str) -> str:
    """The squeezed text of a section's pages (to the next section's first page)."""
    starts = sorted(result.sections.values())
    first = result.sections[title]
    nxt = next((p for p in starts if p > first), len(pages) + 1)
    return squeeze("\n".join(pages[first - 1: nxt - 1]))


# -- the model ------------------------------------------------------------------------------------------------
def test_briefing_gathers_every_analysis(full):
    concerns = full.impact_concerns
    assert "A6.05" in [c.action.id for c in concerns]  # Complete, while average caseload went 14.3 to 14.6
    assert all(c.rated_done and c.effect.value == "worsened" for c in concerns)
    assert [c for c in full.impact if c.concern] == list(concerns) == list(full.impact[:len(concerns)])
    assert any(c.action.id == "A4.01" and c.linked_in_app for c in full.impact)
    agency = [t for t in full.targets if t.label == "At most 20% by 31 Mar 2025"]
    assert [t.outcome.label for t in agency] == ["Missed"]
    mine = [t for t in full.targets if t.entered_in_app]
    assert [(t.series.name, t.target) for t in mine] == [("Social worker vacancy rate", APP_TARGET)]
    vacancy = next(s for s in full.series if s.name == "Social worker vacancy rate")
    assert APP_TARGET in vacancy.targets  # charts show the app's target too
    assert full.comparison is not None and len(full.journeys) == 4 and full.journey_own == OWN
    fields = {(d.subject, d.field) for d in full.disagreements}
    assert ("Monitoring visit (Jun 2022)", "dates") in fields
    assert ("Agency social worker rate, 30 Sep 2023", "value") in fields
    assert all(full.shows(k) for k in ANALYSIS_KEYS)


def test_disagreeing_sources_get_reference_numbers(full):
    d = next(d for d in full.disagreements if d.field == "dates")
    numbers = [full.reference_for(c.source) for c in d.claims]
    assert all(numbers) and len(set(numbers)) == 2
    assert max(numbers) <= full.pack_reference_count  # in the pack's Sources list


def test_sections_show_only_what_has_something(sample):
    b = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW)
    assert b.shows("impact") and b.shows("targets")
    assert not b.shows("versions") and not b.shows("journeys") and not b.shows("disagreements")
    off = build_briefing(sample, [], BriefOptions(as_of=AS_OF, sections=frozenset({"actions"})), now=NOW)
    assert off.impact and not off.shows("impact")
    available = analyses_available(sample, today=AS_OF)
    assert available == {"impact": True, "targets": True, "versions": False, "journeys": False,
                         "disagreements": False}


def test_own_council_is_found_by_name_or_initials():
    names = ["Northshire", OWN, "Poole Harbour Trust"]
    assert own_council(names, "BCP Council") == OWN
    assert own_council(names, "Northshire County Council") == "Northshire"
    assert own_council(names, "") == "" and own_council(names, "Kent County Council") == ""


# -- the briefing pack ---------------------------------------------------------------------------------------
def test_pack_has_a_section_per_analysis_in_the_contents(full_pdf):
    result, pages = full_pdf
    titles = list(result.sections)
    for title in ("Progress against impact", "Targets", "Changes to the plan", "Journeys across councils",
                  "Where sources disagree"):
        assert title in titles
        assert squeeze(title) in squeeze(pages[0])  # in the contents on the cover
    assert titles.index("Progress against impact") < titles.index("Inspections and grades") < \
        titles.index("Journeys across councils") < titles.index("Sources")
    for n, page in enumerate(pages[1:], start=2):
        assert squeeze(f"Page {n} of {result.pages}") in squeeze(page)


def test_pack_impact_puts_the_concern_first(full_pdf, full):
    result, pages = full_pdf
    text = section_text(result, pages, "Progress against impact")
    concern = text.index(squeeze("Rated Green or Complete, but the metric got worse"))
    others = text.index(squeeze("Other actions with a metric"))
    for c in full.impact_concerns:
        assert concern < text.index(squeeze(c.action.id)) < others
        assert squeeze(c.action.title) in text
    assert squeeze("Keep average caseloads at or below 18 per social worker") in text
    assert squeeze("14.3 cases per FTE") in text and squeeze("14.6 cases per FTE") in text
    assert squeeze("✗ Got worse") in text and squeeze("✓ Improved") in text
    assert squeeze("linked in the app") in text


def test_pack_targets_say_missed_and_by_how_much(full_pdf):
    result, pages = full_pdf
    text = section_text(result, pages, "Targets")
    assert squeeze("✗ Missed") in text and squeeze("missed by 8.3 percentage points") in text
    assert squeeze("entered in the app") in text and squeeze("At least") not in text
    assert squeeze("At most 20% by 31 Mar 2025") in text


def test_pack_plan_changes_show_shift_days_added_and_dropped(full_pdf):
    result, pages = full_pdf
    text = section_text(result, pages, "Changes to the plan")
    assert squeeze("Plan as at Oct 2025 compared with Plan as at Oct 2026") in text
    assert squeeze("+92 days") in text and "A2.06" in text
    assert NEW_ACTION in text and squeeze(DROPPED) in text
    assert squeeze("Head of Service, Early Help") in text  # re-owned: the owner before
    assert squeeze("▲ Amber") in text and squeeze("✓ Complete") in text  # re-rated A6.05


def test_pack_journeys_chart_and_table(full_pdf, full):
    result, pages = full_pdf
    text = section_text(result, pages, "Journeys across councils")
    for name in (OWN, "Northshire", "Eastborough", "Westmere"):
        assert squeeze(name) in text
    assert squeeze("11 Feb 2022") in text and squeeze("29 Jan 2025") in text  # judged, re-inspected
    assert squeeze("Months since the latest inadequate judgement") in text  # the x axis
    assert squeeze("not yet") in text  # Eastborough
    median = median_months_to_reinspection(full.journeys)
    assert median is not None and squeeze(f"Median {median:.0f} months") in text


def test_pack_disagreements_show_both_values_and_sources(full_pdf, full):
    result, pages = full_pdf
    text = section_text(result, pages, "Where sources disagree")
    assert squeeze("7-8 Jun 2022") in text or squeeze("7–8 Jun 2022") in text
    assert squeeze("14-15 Jun 2022") in text or squeeze("14–15 Jun 2022") in text
    assert squeeze("36.7%") in text and squeeze("36.9%") in text
    sources = {s.id: s.title for s in full.sources}
    assert squeeze(sources["S10"])[:40] in text and squeeze(sources["S2"])[:40] in text
    assert squeeze("Both accounts are kept") in text


def test_pack_without_analyses_has_no_empty_sections(sample, qapp, tmp_path):
    from bcpviewer.report import output

    result = output.write_pdf(tmp_path / "p.pdf", build_briefing(sample, [], BriefOptions(as_of=AS_OF),
                                                                 now=NOW))
    assert "Progress against impact" in result.sections and "Targets" in result.sections
    for title in ("Changes to the plan", "Journeys across councils", "Where sources disagree"):
        assert title not in result.sections


# -- the summary workbook -------------------------------------------------------------------------------------
def test_workbook_has_a_sheet_per_analysis(full_xlsx):
    names = full_xlsx.sheetnames
    for sheet in ("Impact", "Targets", "Plan changes", "Journeys", "Sources differ"):
        assert sheet in names
        ws = full_xlsx[sheet]
        assert ws.freeze_panes and ws.auto_filter.ref and ws["A1"].font.bold


def test_workbook_impact_sheet(full_xlsx, full):
    got = rows(full_xlsx["Impact"])
    assert [r["ID"] for r in got] == [c.action.id for c in full.impact]  # concerns first
    first = next(r for r in got if r["ID"] == "A6.05")
    assert first["Concern"] == "Yes: rated done, metric worse"
    assert first["Effect"] == "✗ Got worse" and first["Before"] == 14.3 and first["Latest"] == 14.6
    assert first["Latest period end"] == date(2025, 9, 30) or first["Latest period end"].date() == \
        date(2025, 9, 30)
    assert full_xlsx["Impact"]["K2"].number_format == "d mmm yyyy"
    linked = next(r for r in got if r["ID"] == "A4.01")
    assert linked["Linked in the app"] == "Yes"


def test_workbook_targets_sheet(full_xlsx, full):
    got = {r["Target"]: r for r in rows(full_xlsx["Targets"])}
    agency = got["At most 20% by 31 Mar 2025"]
    assert agency["Metric"] == "Agency social worker rate" and agency["Outcome"] == "✗ Missed"
    assert agency["By how much"] == "missed by 8.3 percentage points" and agency["Judged figure"] == 28.3
    assert abs(agency["Margin"] - -8.3) < 1e-9
    assert agency["Target date"].date() == date(2025, 3, 31)
    mine = [r for r in got.values() if r["Entered in the app"] == "Yes"]
    assert len(mine) == 1 and mine[0]["Metric"] == "Social worker vacancy rate"
    assert mine[0]["Target value"] == 25
    assert len(got) == len(full.targets)


def test_workbook_plan_changes_sheet(full_xlsx):
    got = {r["ID"]: r for r in rows(full_xlsx["Plan changes"])}
    assert got["A2.06"]["Shift (days)"] == 92 and "Re-dated" in got["A2.06"]["Changes"]
    assert got[NEW_ACTION]["Changes"] == "Added" and got["A2.99"]["Changes"] == "Dropped"
    assert got["A3.01"]["Owner before"] == "Head of Service, Early Help"


def test_workbook_journeys_and_disagreements_sheets(full_xlsx):
    got = {r["Council"]: r for r in rows(full_xlsx["Journeys"])}
    assert got[OWN]["Own council"] == "Yes" and got[OWN]["Grade reached"] == "Good"
    assert got[OWN]["Months to re-inspection"] == 35.6  # 11 Feb 2022 to 29 Jan 2025
    assert got["Eastborough"]["Re-inspected"] is None and got["Eastborough"]["Months so far"] > 47
    differ = rows(full_xlsx["Sources differ"])
    values = {r["Value"] for r in differ}
    assert {"36.7% (CSWW 2025 release)", "36.9% (CSWW 2024 release)"} <= values
    assert all(r["Source"] for r in differ) and all(isinstance(r["Reference"], int) for r in differ)


def test_workbook_leaves_out_sheets_with_nothing(sample, tmp_path):
    out = tmp_path / "s.xlsx"
    write_summary(out, build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW))
    names = load_workbook(out).sheetnames
    assert "Impact" in names and "Targets" in names
    assert not {"Plan changes", "Journeys", "Sources differ"} & set(names)


def test_workbook_text_that_looks_like_a_formula_stays_text(sample, tmp_path):
    first = build_briefing(sample, [], BriefOptions(as_of=AS_OF), now=NOW).impact[0].action.id
    hostile = dataclasses.replace(sample, actions=tuple(
        dataclasses.replace(a, title="=HYPERLINK(\"http://x\")") if a.id == first else a
        for a in sample.actions))
    out = tmp_path / "s.xlsx"
    write_summary(out, build_briefing(hostile, [], BriefOptions(as_of=AS_OF), now=NOW))
    ws = load_workbook(out)["Impact"]
    cell = ws["B2"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


# -- the export dialog ----------------------------------------------------------------------------------------
def test_analysis_inputs_gathers_from_the_session(full):
    from bcpviewer.ui.export.controller import analysis_inputs

    links, extra = {"action:A4.01": "M-x"}, {"M-x": (Target(1.0),)}
    session = SimpleNamespace(metric_links=links, user_targets=extra, comparison=full.comparison)
    got = analysis_inputs(session, lambda: (list(full.journeys), "Agency rate", "%", "months since", "BCP"))
    assert got == {"metric_links": links, "extra_targets": extra, "comparison": full.comparison,
                   "journeys": full.journeys, "journey_metric": "Agency rate", "journey_unit": "%",
                   "journey_anchor": "months since", "journey_own": "BCP"}


@pytest.fixture
def window(make_window, tmp_path, sample, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from bcpviewer.report import output
    from bcpviewer.ui.export import export_dialog

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)
    export_dialog.set_pack_backend(output)
    w = make_window(today=AS_OF)
    w.session.set_data(sample)
    yield w
    export_dialog.set_pack_backend(None)


def test_dialog_has_analysis_checkboxes_remembered(window, qtbot, tmp_path):
    from bcpviewer.ui.export import export_dialog
    from bcpviewer.ui.export.export_dialog import ExportDialog

    d = ExportDialog(window, export_dialog.PACK, window.session.dataset, window.settings.export_choices(),
                     available={"impact": True, "targets": True, "versions": False, "journeys": False,
                                "disagreements": False})
    qtbot.addWidget(d)
    checks = d.section_checks
    assert all(k in checks for k in ANALYSIS_KEYS)
    assert checks["impact"].isChecked() and checks["impact"].isEnabled()
    assert not checks["versions"].isEnabled() and "nothing" in checks["versions"].toolTip().lower()
    assert all(c.accessibleName() for c in checks.values())
    checks["impact"].setChecked(False)
    assert "impact" not in d.options(AS_OF).sections and "targets" in d.options(AS_OF).sections
    window.settings.set_export_choices(d.choices(window.settings.export_choices()))
    again = ExportDialog(window, export_dialog.PACK, window.session.dataset, window.settings.export_choices())
    qtbot.addWidget(again)
    assert not again.section_checks["impact"].isChecked() and again.section_checks["targets"].isChecked()
    assert again.section_checks["timeline"].isChecked()
    summary = ExportDialog(window, export_dialog.SUMMARY, window.session.dataset, window.settings.export_choices())
    qtbot.addWidget(summary)
    assert set(summary.section_checks) == set(ANALYSIS_KEYS)  # a summary has sheets, not pages
    assert "impact" not in summary.options(AS_OF).sections and "timeline" in summary.options(AS_OF).sections
    d.grab().save(str(tmp_path / "dialog.png"))


def test_window_export_passes_the_analyses(window, tmp_path, full, monkeypatch):
    anchor = "months since the latest inadequate judgement"
    analysis = window.analysis
    window.session.set_comparison(full.comparison)
    monkeypatch.setattr(analysis, "journeys_for_pack",
                        lambda: (list(full.journeys), "Agency rate", "%", anchor, ""))
    out = tmp_path / "w.xlsx"
    window.export.export_summary(str(out), BriefOptions(as_of=AS_OF), filtered=False)
    names = load_workbook(out).sheetnames
    assert "Plan changes" in names and "Journeys" in names


# -- the command line -----------------------------------------------------------------------------------------
def test_cli_compare_adds_plan_changes(tmp_path, sample, capsys):
    from bcpviewer.cli import main

    older = tmp_path / "older.xlsx"
    make_older_workbook(older)
    pdf, xlsx = tmp_path / "p.pdf", tmp_path / "s.xlsx"
    assert main(["export", str(SAMPLE), "--compare", str(older), "--pdf", str(pdf), "--xlsx", str(xlsx),
                 "--as-of", "23/11/2026", "--sections", "versions,impact"]) == 0
    err = capsys.readouterr().err
    assert "older.xlsx" in err and "older" in err and SAMPLE.name in err
    pages, _ = pdf_text(pdf)
    text = squeeze("\n".join(pages))
    assert squeeze("Changes to the plan") in text and squeeze("+92 days") in text
    assert squeeze("Progress against impact") in text and squeeze("Targets") not in text.split(
        squeeze("Contents"))[1].split(squeeze("Sources"))[0]
    changes = {r["ID"]: r for r in rows(load_workbook(xlsx)["Plan changes"])}
    assert changes["A2.06"]["Shift (days)"] == 92


def test_cli_compare_swaps_when_the_other_file_is_newer(tmp_path, capsys):
    from bcpviewer.cli import main

    older = tmp_path / "older.xlsx"
    make_older_workbook(older, as_at=date(2027, 3, 31))  # says it is newer than the sample
    xlsx = tmp_path / "s.xlsx"
    assert main(["export", str(SAMPLE), "--compare", str(older), "--xlsx", str(xlsx), "--as-of",
                 "2026-11-23"]) == 0
    err = capsys.readouterr().err
    assert f"{SAMPLE.name} is the older" in err
    changes = {r["ID"]: r for r in rows(load_workbook(xlsx)["Plan changes"])}
    assert changes["A2.06"]["Shift (days)"] == -92


def test_cli_compare_errors_are_one_line(tmp_path, capsys):
    from bcpviewer.cli import main

    assert main(["export", str(SAMPLE), "--compare", str(tmp_path / "missing.xlsx"), "--xlsx",
                 str(tmp_path / "s.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "missing.xlsx" in err[0]


def test_cli_unknown_section_lists_the_new_ones(tmp_path, capsys):
    from bcpviewer.cli import main

    assert main(["export", str(SAMPLE), "--xlsx", str(tmp_path / "s.xlsx"), "--sections", "gossip"]) == 2
    err = capsys.readouterr().err
    assert "impact" in err and "disagreements" in err


def test_inspect_prints_impact_and_targets(capsys):
    from bcpviewer.cli import main

    assert main(["inspect", str(SAMPLE), "--impact", "--targets", "--as-of", "23/11/2026"]) == 0
    out = capsys.readouterr().out
    assert "Progress against impact (as at 23 Nov 2026)" in out
    line = next(x for x in out.splitlines() if "A6.05" in x)
    assert "✗ Got worse" in line and "14.3 cases per FTE (30 Sep 2021)" in line and "CONCERN" in line
    assert "Targets (as at 23 Nov 2026)" in out
    target = next(x for x in out.splitlines() if "At most 20% by 31 Mar 2025" in x)
    assert "✗ Missed" in target and "missed by 8.3 percentage points" in target
    assert "2025-" not in out  # UK dates only


def test_inspect_json_has_the_analyses(capsys):
    import json

    from bcpviewer.cli import main

    assert main(["inspect", str(SAMPLE), "--json", "--impact", "--targets", "--as-of", "2026-11-23"]) == 0
    out = json.loads(capsys.readouterr().out)
    a605 = next(x for x in out["impact"] if x["action"] == "A6.05")
    assert a605["concern"] is True and a605["effect"] == "worsened" and a605["latest"]["value"] == 14.6
    assert out["impact"][0]["concern"] is True  # concerns first
    missed = next(x for x in out["targets"] if x["target"] == "At most 20% by 31 Mar 2025")
    assert missed["outcome"] == "Missed" and missed["due"] == "2025-03-31"
    assert abs(missed["margin"] + 8.3) < 1e-9


def make_older_workbook(path: Path, as_at: date = date(2025, 10, 31)) -> None:
    """The sample workbook with A2.06 due 92 days sooner and every status as at ``as_at``."""
    wb = load_workbook(SAMPLE)
    ws = wb["Actions"]
    head = [str(c.value or "").strip().casefold() for c in ws[1]]

    def col(*names: str) -> int:
        return next(i for i, h in enumerate(head) if h in names)

    id_col = col("id", "action id")
    due_cols = [i for i, h in enumerate(head) if "due" in h]
    as_at_cols = [i for i, h in enumerate(head) if h.replace(" ", "") in ("asat", "statusasat", "date")]
    for row in ws.iter_rows(min_row=2):
        if row[id_col].value is None:
            continue
        for i in as_at_cols:
            row[i].value = as_at
        if row[id_col].value == "A2.06":
            from datetime import datetime, timedelta

            dates = [row[i].value for i in due_cols if isinstance(row[i].value, (date, datetime))]
            current = max(dates)
            for i in due_cols:
                row[i].value = None
            row[due_cols[0]].value = current - timedelta(days=92)
    wb.save(path)
