"""Build the bundled official data (resources/official.sqlite) from DfE tidy CSVs and Ofsted's
ILACS outcomes, through the one importer (official_store) that File › Update official data also
uses, saying what was stored, what was left out and why, and what the sources lack."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from bcpviewer.io.atomic import write_atomic
from bcpviewer.io.official_store import (DFE_LICENCE, ENGLAND, GRADE_COLUMNS, OFSTED_LICENCE, SCHEMA,
                                         SCHEMA_VERSION, Log, Store)
from bcpviewer.model import indicators as cat

__all__ = ["DFE_FILES", "ENGLAND", "GRADE_COLUMNS", "SCHEMA_VERSION", "BuildReport", "build"]

# The DfE files the build reads (in dfe/ under the data folder) and the publication of each.
DFE_FILES = (
    ("csww_indicators_2017_to_2025.csv", "Children's social work workforce"),
    ("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "Children in need"),
    ("b1_children_in_need_2013_to_2025.csv", "Children in need"),
    ("d3_cpps_subsequent_plan_2013_to_2025.csv", "Children in need"),
    ("cla_number_and_rate_per_10k_children.csv",
     "Children looked after in England including adoptions"),
    ("la_cla_placement_stability.csv", "Children looked after in England including adoptions"),
)
OFSTED_FILE = "ofsted_csc_ilacs_history.csv"
RELEASE_NOTE = ("The DfE files carry no release column: each file's release is named by its "
                "publication and the latest reporting year it holds.")


class BuildReport(Log):
    """What the build did, line by line, for the script to print."""

    observations: int = 0
    inspections: int = 0


def build(data_dir: Path, out: Path, *, built: date) -> BuildReport:
    """Read ``data_dir``/dfe and ``data_dir``/ofsted and write ``out`` (replaced whole, never
    half-written: the one atomic write)."""
    report = BuildReport()
    write_atomic(out, lambda tmp: _write(Path(tmp), data_dir, built, report), what="official data file")
    report.say(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {report.observations:,} figures, "
               f"{report.inspections} inspections")
    return report


def _write(tmp: Path, data_dir: Path, built: date, report: BuildReport) -> None:
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        store = Store(db, report)
        releases: list[str] = []
        for name, publication in DFE_FILES:
            path = data_dir / "dfe" / name
            if not path.exists():
                report.missing.append(str(path))
                report.say(f"MISSING {path}: its indicators are not in the bundle")
                continue
            got = store.import_dfe(path, publication)
            releases.append(got.release)
            report.observations += got.added + got.revised + got.older
        path = data_dir / "ofsted" / OFSTED_FILE
        if path.exists():
            report.inspections = store.import_inspections(path).inspections
        else:
            report.missing.append(str(path))
            report.say(f"MISSING {path}: no inspections in the bundle")
        rows = store.write_places(with_models=True)
        without = [r[2] for r in rows if not r[5] and r[11] is None and r[7] and r[7] >= 2019]
        report.say(f"{len(rows)} councils; {len(without)} current ones with no ILACS inspection in the "
                   f"Ofsted file" + (f": {', '.join(sorted(without))}" if without else ""))
        for gap in cat.NOT_AVAILABLE:
            report.say(f"NOT IN THE SOURCES: {gap}")
        meta = {"schema_version": SCHEMA_VERSION, "built": built.isoformat(),
                "dfe_licence": DFE_LICENCE, "ofsted_licence": OFSTED_LICENCE,
                "releases": json.dumps(releases), "not_available": json.dumps(cat.NOT_AVAILABLE),
                "release_note": RELEASE_NOTE,
                "built_by": "scripts/build_official_data.py"}
        db.executemany("INSERT INTO metadata VALUES (?, ?)", sorted(meta.items()))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
