"""The standalone app (make test-bundle, not make test: building takes minutes): packaging/build_bundle.py
builds the one-folder bundle, the folder is moved out of the checkout, and with a bare environment (no
virtual environment, PATH=/usr/bin:/bin) it inspects and exports the sample as the installed app does,
writes the template and opens its window."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
BARE = {"PATH": "/usr/bin:/bin"}

pytestmark = pytest.mark.bundle


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built bundle, copied to a folder outside the checkout; the build's own copy is deleted."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: make test-bundle installs it")
    build = tmp_path_factory.mktemp("build")
    r = subprocess.run([sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--dist", str(build / "dist"),
                        "--work", str(build / "work")], capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    moved = tmp_path_factory.mktemp("elsewhere") / "BCPViewer"
    shutil.copytree(build / "dist" / "BCPViewer", moved, symlinks=True)
    shutil.rmtree(build)
    assert ROOT not in moved.parents
    return moved


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder outside the checkout holding a copy of the sample."""
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    return tmp_path


def _program(folder: Path) -> Path:
    return folder / ("bcpviewer.exe" if sys.platform == "win32" else "bcpviewer")


def _bare(cmd: list[str], cwd: Path, extra: dict[str, str] | None = None,
          timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env={**BARE, **(extra or {})}, capture_output=True, text=True,
                          timeout=timeout)


def _venv_inspect(sample: Path) -> dict[str, object]:
    r = subprocess.run([sys.executable, "-m", "bcpviewer", "inspect", "--json", "--items", sample.name],
                       capture_output=True, text=True, timeout=300, cwd=sample.parent,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_bundle_holds_the_resources(bundle: Path) -> None:
    resources = next(bundle.rglob("resources/samples")).parent
    for part in ("samples/bcp-childrens-services.xlsx", "samples/bcp-improvement-plan-2023.xlsx",
                 "neighbours.json", "help/index.html", "icons/bcpviewer.svg", "icons/bcpviewer-256.png"):
        assert (resources / part).is_file(), part
    if (ROOT / "resources" / "fonts").is_dir():
        assert (resources / "fonts").is_dir()


def test_bundle_inspects_the_sample_like_the_installed_app(bundle: Path, work: Path) -> None:
    sample = work / SAMPLE.name
    r = _bare([str(_program(bundle)), "inspect", "--json", "--items", sample.name], work)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == _venv_inspect(sample)
    human = _bare([str(_program(bundle)), "inspect", sample.name], work)
    assert human.returncode == 0 and "0 problems" in human.stdout and "actions" in human.stdout


def test_bundle_exports_workbook_and_pack(bundle: Path, work: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    r = _bare([str(_program(bundle)), "export", SAMPLE.name, "--xlsx", "summary.xlsx", "--pdf", "pack.pdf"], work)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "locale" not in r.stderr  # a C locale is made C.UTF-8 as Python does (packaging/rthook_locale.py)
    sheets = load_workbook(work / "summary.xlsx").sheetnames
    assert {"Summary", "Actions", "Events", "Metrics", "Sources"} <= set(sheets)
    pdf = PdfReader(work / "pack.pdf")
    assert len(pdf.pages) > 2
    text = pdf.pages[0].extract_text()
    assert "briefing" in text.lower()
    fonts = {str(f.get("/BaseFont")) for page in pdf.pages for f in
             (page.get("/Resources", {}).get("/Font", {}) or {}).values()}
    assert fonts, "the pack embeds its fonts"


def test_bundle_writes_the_template(bundle: Path, work: Path) -> None:
    r = _bare([str(_program(bundle)), "template", "t.xlsx"], work)
    assert r.returncode == 0, r.stderr
    assert (work / "t.xlsx").is_file()


def test_bundle_opens_its_window(bundle: Path, work: Path) -> None:
    r = _bare([str(_program(bundle))], work, {"HOME": str(work), "QT_QPA_PLATFORM": "offscreen",
                                                "BCPVIEWER_QUIT_AFTER_MS": "3000"}, timeout=120)
    assert r.returncode == 0, r.stderr


def test_report_size(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The bundle's size, for the notes (its start-up time is measured by benchmarks/bundle_bench.py)."""
    size = sum(f.lstat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    assert size > 0
    with capsys.disabled():
        print(f"\nbundle: {size / 1e6:.0f} MB in {bundle}")