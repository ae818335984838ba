"""Packaging facts: the broken PySide6/Python pair stays out, and the layers stay apart."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _requirements() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [Requirement(r) for r in data["project"]["dependencies"]]


def _allowed(python: str, pyside: str) -> bool:
    env = {"python_version": python, "python_full_version": f"{python}.0"}
    reqs = [r for r in _requirements() if r.name.lower() == "pyside6-essentials"]
    active = [r for r in reqs if r.marker is None or r.marker.evaluate(env)]
    assert active, f"no PySide6-Essentials requirement applies on Python {python}"
    return all(r.specifier.contains(Version(pyside), prereleases=True) for r in active)


def test_pyside_612_is_never_allowed_on_python_311() -> None:
    # PySide6 6.12.0 on 3.11 kills the interpreter (none_dealloc) after ~1,000 calls.
    assert not _allowed("3.11", "6.12.0")
    assert _allowed("3.11", "6.11.3")
    assert _allowed("3.12", "6.12.0")
    assert _allowed("3.13", "6.12.0")


def test_installed_pair_is_not_the_broken_one() -> None:
    from importlib.metadata import version

    installed = Version(version("PySide6-Essentials"))
    if sys.version_info[:2] == (3, 11):
        assert installed < Version("6.12"), "PySide6 6.12 on Python 3.11 is known to crash"


def test_full_pyside6_is_not_required() -> None:
    names = {r.name.lower() for r in _requirements()}
    assert "pyside6" not in names and "pyside6-essentials" in names


def test_marker_syntax_is_valid() -> None:
    for r in _requirements():
        if r.marker is not None:
            assert isinstance(r.marker, Marker)


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed in this environment")
    r = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout and "Contracts: 0 kept" not in r.stdout


def test_model_and_io_import_without_qt() -> None:
    code = (
        "import sys, bcpviewer.io.loader, bcpviewer.io.summary, bcpviewer.model.analysis;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','pyqtgraph','openpyxl')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
