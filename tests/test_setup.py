"""Set-up as a new user meets it: scripts/check_system.sh finds what Qt and the venv need, installs it as
root or with password-less sudo, or stops with the one command to run; make run and make test call it
before the environment is made, and .ci/run uses the same script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_system.sh"
LIBS = ("libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libxkbcommon-x11.so.0 libfontconfig.so.1 libfreetype.so.6 "
        "libdbus-1.so.3 libglib-2.0.so.0 libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-image.so.0 "
        "libxcb-keysyms.so.1 libxcb-randr.so.0 libxcb-render-util.so.0 libxcb-shape.so.0 "
        "libxcb-xinerama.so.0 libxcb-xkb.so.1 libX11-xcb.so.1").split()
TOOLS = ("bash", "awk", "grep", "find", "uname", "env", "cat", "true")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("bash") is None,
                                reason="the system check is for Linux")


def _exe(path: Path, body: str) -> None:
    path.write_text("#!/bin/bash\n" + body + "\n")
    path.chmod(0o755)


def _machine(tmp_path: Path, *, uid: int = 1000, sudo: str | None = None, missing: tuple[str, ...] = (),
             apt: bool = True, fonts: bool = True) -> tuple[dict[str, str], Path]:
    """A fake machine: its PATH holds only these commands (ldconfig knows the libraries not ``missing``).
    Returns the environment and the log each fake apt-get and sudo call is written to."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "calls.log"
    for tool in TOOLS:
        real = shutil.which(tool)
        assert real, tool
        (bin_ / tool).symlink_to(real)
    cache = "\\n".join(f"\\t{lib} (libc6,x86-64) => /lib/x86_64-linux-gnu/{lib}" for lib in LIBS if lib not in missing)
    _exe(bin_ / "ldconfig", f'printf "{len(LIBS)} libs found in cache\\n{cache}\\n"')
    _exe(bin_ / "id", f'echo {uid}')
    _exe(bin_ / "python3", 'exec "' + sys.executable + '" "$@"')
    if apt:
        _exe(bin_ / "apt-get", f'echo "apt-get $*" >> {log}')
    if sudo == "nopasswd":
        _exe(bin_ / "sudo", f'[ "$1" = -n ] && shift; echo "sudo $*" >> {log}; exec "$@"')
    elif sudo == "password":
        _exe(bin_ / "sudo", 'echo "sudo: a password is required" >&2; exit 1')
    fonts_dir = "/usr/share/fonts" if fonts else str(tmp_path / "nofonts")
    if not fonts:  # the script looks in the real font folders: hide them behind a wrapper of find
        (bin_ / "find").unlink()
        _exe(bin_ / "find", f'exec {shutil.which("find")} {fonts_dir} -name none -print -quit')
    env = {"PATH": str(bin_), "HOME": str(tmp_path)}
    return env, log


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([shutil.which("bash") or "bash", str(SCRIPT), *args], env=env, capture_output=True,
                          text=True, timeout=60)


def _calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_nothing_missing_is_quiet(tmp_path: Path) -> None:
    env, log = _machine(tmp_path)
    r = _check(env, sys.executable)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    assert _calls(log) == []


def test_without_root_or_sudo_it_stops_with_the_one_command(tmp_path: Path) -> None:
    env, log = _machine(tmp_path, missing=("libxcb-icccm.so.4", "libxcb-cursor.so.0"), sudo="password")
    r = _check(env, sys.executable)
    assert r.returncode == 1 and r.stdout == ""
    assert "libxcb-cursor.so.0" in r.stderr and "libxcb-icccm.so.4" in r.stderr
    command = "sudo apt-get update && sudo apt-get install -y libxcb-cursor0 libxcb-icccm4"
    assert r.stderr.splitlines()[-1].strip() == command
    assert len(r.stderr.splitlines()) == 2  # one message: what is missing, and the command
    assert _calls(log) == []


def test_as_root_it_installs_what_is_missing(tmp_path: Path) -> None:
    env, log = _machine(tmp_path, uid=0, missing=("libxcb-icccm.so.4",))
    r = _check(env, sys.executable)
    assert r.returncode == 0, r.stderr
    assert "Installing the system packages BCP Viewer needs: libxcb-icccm4" in r.stdout
    assert _calls(log) == ["apt-get update -qq", "apt-get install -y -qq libxcb-icccm4"]


def test_with_passwordless_sudo_it_installs_through_sudo(tmp_path: Path) -> None:
    env, log = _machine(tmp_path, sudo="nopasswd", missing=("libEGL.so.1",))
    r = _check(env, sys.executable)
    assert r.returncode == 0, r.stderr
    calls = _calls(log)
    assert "sudo apt-get update -qq" in calls
    assert "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libegl1" in calls
    assert "apt-get install -y -qq libegl1" in calls


def test_python_without_venv_and_a_missing_command(tmp_path: Path) -> None:
    env, log = _machine(tmp_path, sudo="password")
    broken = tmp_path / "bin" / "python-no-venv"
    _exe(broken, "exit 1")
    r = _check(env, str(broken), "--command", "make")
    assert r.returncode == 1
    assert r.stderr.splitlines()[-1].strip() == "sudo apt-get update && sudo apt-get install -y python3-venv make"


def test_no_python_found_by_make_checks_python3(tmp_path: Path) -> None:
    env, _log = _machine(tmp_path, sudo="password")
    (tmp_path / "bin" / "python3").unlink()
    r = _check(env, "")
    assert r.stderr.splitlines()[-1].strip() == "sudo apt-get update && sudo apt-get install -y python3 python3-venv"


def test_no_font_asks_for_dejavu(tmp_path: Path) -> None:
    env, _log = _machine(tmp_path, sudo="password", fonts=False)
    r = _check(env, sys.executable)
    assert r.stderr.splitlines()[-1].strip().endswith("apt-get install -y fonts-dejavu-core")


def test_without_apt_it_names_the_libraries(tmp_path: Path) -> None:
    env, log = _machine(tmp_path, apt=False, uid=0, missing=("libxkbcommon-x11.so.0",))
    r = _check(env, sys.executable)
    assert r.returncode == 1 and "libxkbcommon-x11.so.0" in r.stderr and "package manager" in r.stderr
    assert _calls(log) == []


def test_skip_variable(tmp_path: Path) -> None:
    env, log = _machine(tmp_path, missing=("libGL.so.1",), sudo="password")
    r = _check({**env, "BCPVIEWER_SKIP_SYSTEM_CHECK": "1"}, sys.executable)
    assert r.returncode == 0 and _calls(log) == []


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["run", "test"])
def test_make_checks_the_system_before_making_the_environment(target: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    r = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'venv'}"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "scripts/check_system.sh" in lines[0]
    assert any("-m venv" in line for line in lines[1:])


def test_ci_uses_the_same_check() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "scripts/check_system.sh" in ci and "make test" in ci
    assert "apt-get" not in ci and "libxcb" not in ci


def test_readme_keeps_two_set_up_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = quick.split("```")[1::2]
    commands = [line.split("#")[0].strip() for block in blocks if block.startswith("sh\n")
                for line in block.splitlines()[1:]]
    assert [c for c in commands if c] == ["make run", "make test"]


def test_every_bundle_build_runs_the_one_build_step() -> None:
    """make bundle, the CI workflow for Windows and macOS, and the bundle test all build with
    packaging/build_bundle.py, which is the only caller of the spec."""
    makefile = (ROOT / "Makefile").read_text()
    workflow = (ROOT / ".github" / "workflows" / "bundle.yml").read_text()
    test = (ROOT / "tests" / "test_bundle.py").read_text()
    for text in (makefile, workflow, test):
        assert "packaging/build_bundle.py" in text or '"packaging" / "build_bundle.py"' in text
    assert "windows-latest" in workflow and "macos-latest" in workflow and "upload-artifact" in workflow
    assert "bcpviewer.spec" in (ROOT / "packaging" / "build_bundle.py").read_text()
