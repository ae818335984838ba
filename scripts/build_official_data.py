"""Build resources/official.sqlite, the app's bundled official data, from the DfE tidy CSVs and
Ofsted's ILACS outcomes in a data folder (by default ../shared/data beside the repository).

    python scripts/build_official_data.py [DATA_DIR] [OUT]

Prints what was stored, what was left out and why, and what the sources lack; exits 1 when an
input is missing (the file is still written from what was found)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bcpviewer.io.official_build import build  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "resources" / "official.sqlite"


def main(argv: list[str]) -> int:
    data = Path(argv[0]) if argv else DEFAULT_DATA
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    if not data.is_dir():
        print(f"No data folder at {data}: give the folder holding dfe/ and ofsted/.", file=sys.stderr)
        return 2
    report = build(data, out, built=date.today())
    print("\n".join(report.lines))
    if report.missing:
        print(f"{len(report.missing)} input file(s) missing: " + ", ".join(report.missing),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
