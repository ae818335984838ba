"""Build the one-folder application with PyInstaller from packaging/bcpviewer.spec: the one build step
that `make bundle`, the bundle test and the CI workflow for Windows and macOS all run.

    python packaging/build_bundle.py [--dist DIR] [--work DIR]

Writes DIR/BCPViewer/ (default dist/) and prints its size and the program to run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "bcpviewer.spec"
NAME = "BCPViewer"


def program(folder: Path) -> Path:
    """The console program in a built bundle folder (bcpviewer, or bcpviewer.exe on Windows)."""
    return folder / ("bcpviewer.exe" if sys.platform == "win32" else "bcpviewer")


def folder_size(folder: Path) -> int:
    """Bytes in every file under ``folder`` (links not followed)."""
    return sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the bundle folder. Raises SystemExit if the build fails."""
    import PyInstaller.__main__

    PyInstaller.__main__.run([
        "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ])
    return dist / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder (build/pyinstaller/)")
    ns = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("error: PyInstaller is not installed: pip install -e '.[bundle]' (make bundle does this)",
              file=sys.stderr)
        return 2
    folder = build(ns.dist.resolve(), ns.work.resolve())
    exe = program(folder)
    if not exe.is_file():
        print(f"error: the build made no {exe}", file=sys.stderr)
        return 1
    print(f"built {folder} ({folder_size(folder) / 1e6:.0f} MB); run {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
