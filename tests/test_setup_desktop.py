"""Linux desktop integration (make install-desktop): the menu entry, AppStream metainfo, .bcpv file type and
icons go into the user's data folder, pointing at the program given; uninstall takes them away again."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bcpviewer

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
SCRIPT = LINUX / "install-desktop.sh"
ID = "io.github.bcpviewer.BCPViewer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="desktop entries are for Linux")


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(data.parent), "XDG_DATA_HOME": str(data)}
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def program(tmp_path: Path) -> Path:
    exe = tmp_path / "my apps" / "bcpviewer"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    return exe


def test_install_and_uninstall(tmp_path: Path, program: Path) -> None:
    data = tmp_path / "share"
    r = _run(data, "install", str(program))
    assert r.returncode == 0, r.stderr
    entry = data / "applications" / f"{ID}.desktop"
    text = entry.read_text()
    assert f'Exec="{program}" %F' in text.splitlines()
    assert "MimeType=application/x-bcpviewer-project;" in text and f"Icon={ID}" in text
    assert (data / "metainfo" / f"{ID}.metainfo.xml").is_file()
    mime = (data / "mime" / "packages" / f"{ID}.xml").read_text()
    assert '<glob pattern="*.bcpv"/>' in mime
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{ID}.svg").is_file()
    for s in SIZES:
        png = data / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if shutil.which("update-mime-database"):
        assert "application/x-bcpviewer-project:*.bcpv" in (data / "mime" / "globs2").read_text()
    if shutil.which("desktop-file-validate"):
        v = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert v.returncode == 0 and v.stdout == "", v.stdout + v.stderr

    r = _run(data, "uninstall")
    assert r.returncode == 0, r.stderr
    left = [p for p in data.rglob(f"{ID}*")]
    assert left == []


def test_install_refuses_a_missing_program(tmp_path: Path) -> None:
    r = _run(tmp_path / "share", "install", str(tmp_path / "nothing-here"))
    assert r.returncode == 2 and "not an executable bcpviewer" in r.stderr
    assert not (tmp_path / "share" / "applications").exists()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_is_valid() -> None:
    v = subprocess.run(["desktop-file-validate", str(LINUX / f"{ID}.desktop")], capture_output=True, text=True)
    assert v.returncode == 0 and v.stdout == "", v.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_metainfo_is_valid() -> None:
    v = subprocess.run(["appstreamcli", "validate", "--no-net", str(LINUX / f"{ID}.metainfo.xml")],
                       capture_output=True, text=True)
    assert v.returncode == 0, v.stdout + v.stderr


def test_metainfo_release_is_the_packages_version() -> None:
    text = (LINUX / f"{ID}.metainfo.xml").read_text()
    versions = re.findall(r'<release version="([^"]+)"', text)
    assert versions and versions[0] == bcpviewer.__version__
    assert "<project_license>MIT</project_license>" in text
