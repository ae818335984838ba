#!/usr/bin/env bash
# What the machine must have before `make` can create the environment and Qt can open a window:
# Qt's system libraries (PySide6's wheels bundle Qt itself, not these), a font, and python3-venv.
# Whatever is missing is installed with apt-get when running as root, or with sudo when it needs no
# password; otherwise this stops with one message naming the exact command to run.
#
#   scripts/check_system.sh [PYTHON] [--command NAME]...
#     PYTHON          the interpreter make will use ('' when make found none with venv and ensurepip)
#     --command NAME  also require the command NAME (from the Debian package of the same name), e.g. make
#
# Exit 0 when everything is present (or was installed), 1 otherwise. Only Linux is checked; elsewhere
# (macOS, Windows) the PySide6 wheels need nothing more. BCPVIEWER_SKIP_SYSTEM_CHECK=1 skips the check.
set -euo pipefail

[ "${BCPVIEWER_SKIP_SYSTEM_CHECK:-}" = 1 ] && exit 0
[ "$(uname -s)" = Linux ] || exit 0
PATH="$PATH:/sbin:/usr/sbin"

python_cmd=""
commands=()
while [ $# -gt 0 ]; do
  case "$1" in
    --command) commands+=("$2"); shift 2 ;;
    *) python_cmd="$1"; shift ;;
  esac
done

# shared library (as ldconfig names it) -> Debian/Ubuntu package that provides it
LIBRARIES="
libEGL.so.1 libegl1
libGL.so.1 libgl1
libxkbcommon.so.0 libxkbcommon0
libxkbcommon-x11.so.0 libxkbcommon-x11-0
libfontconfig.so.1 libfontconfig1
libfreetype.so.6 libfreetype6
libdbus-1.so.3 libdbus-1-3
libglib-2.0.so.0 libglib2.0-0
libxcb-cursor.so.0 libxcb-cursor0
libxcb-icccm.so.4 libxcb-icccm4
libxcb-image.so.0 libxcb-image0
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-randr.so.0 libxcb-randr0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-shape.so.0 libxcb-shape0
libxcb-xinerama.so.0 libxcb-xinerama0
libxcb-xkb.so.1 libxcb-xkb1
libX11-xcb.so.1 libx11-xcb1
"

missing_packages=()
missing_what=()
need() { missing_packages+=("$1"); missing_what+=("$2"); }

known="$( (ldconfig -p 2>/dev/null || true) | awk 'NR > 1 {print $1}')"
while read -r lib package; do
  [ -n "$lib" ] || continue
  grep -qxF "$lib" <<<"$known" || need "$package" "$lib"
done <<<"$LIBRARIES"

font_dirs=(/usr/share/fonts /usr/local/share/fonts)
if [ -z "$(find "${font_dirs[@]}" \( -name '*.ttf' -o -name '*.otf' \) -print -quit 2>/dev/null)" ]; then
  need fonts-dejavu-core "a font"
fi

if [ -z "$python_cmd" ]; then  # make found no Python with venv and ensurepip
  if ! command -v python3 >/dev/null; then
    need python3 "python3"; need python3-venv "python3's venv"
  elif ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    need python3-venv "python3's venv"
  fi
elif ! "$python_cmd" -c 'import venv, ensurepip' 2>/dev/null; then
  need python3-venv "$python_cmd's venv"
fi

for cmd in "${commands[@]}"; do
  command -v "$cmd" >/dev/null || need "$cmd" "$cmd"
done

[ ${#missing_packages[@]} -eq 0 ] && exit 0

packages="${missing_packages[*]}"
if ! command -v apt-get >/dev/null; then
  echo "BCP Viewer needs these system libraries, which are missing: ${missing_what[*]}." >&2
  echo "Install them with your distribution's package manager, then run make again." >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "BCP Viewer needs system packages that are not installed (${missing_what[*]}). Run this once, then make again:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y $packages" >&2
  exit 1
fi

echo "Installing the system packages BCP Viewer needs: $packages"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
