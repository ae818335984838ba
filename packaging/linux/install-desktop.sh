#!/usr/bin/env bash
# Linux desktop integration for this user (no root): BCP Viewer in the applications menu with its icon,
# and .bcpv projects opening with it. Files go under ${XDG_DATA_HOME:-~/.local/share}.
#
#   install-desktop.sh install PROGRAM   PROGRAM: the bcpviewer to run (the venv's, or a bundle's)
#   install-desktop.sh uninstall
set -euo pipefail

ID="io.github.bcpviewer.BCPViewer"
HERE="$(cd "$(dirname "$0")" && pwd)"
ICONS="$(cd "$HERE/../../resources/icons" 2>/dev/null && pwd || true)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
PNG_SIZES="16 24 32 48 64 128 256 512"

refresh() {  # the file types and menus caches, when the tools are there; icon themes notice the folder's time
  if command -v update-mime-database >/dev/null; then update-mime-database "$DATA/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null; then update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true; fi
  if [ -d "$DATA/icons/hicolor" ]; then touch "$DATA/icons/hicolor"; fi
}

case "${1:-}" in
  install)
    program="${2:-}"
    if [ -z "$program" ] || [ ! -x "$program" ]; then
      echo "error: ${program:-no program given}: not an executable bcpviewer (make install-desktop gives the venv's)" >&2
      exit 2
    fi
    program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")"
    case "$program" in
      *[\"\`\$\\%]*) echo "error: $program: move it to a folder whose name has no \" \` \$ \\ or %" >&2; exit 2 ;;
    esac
    [ -n "$ICONS" ] && [ -f "$ICONS/bcpviewer.svg" ] || { echo "error: resources/icons not found beside packaging/" >&2; exit 2; }
    mkdir -p "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps"
    sed "s|^Exec=.*|Exec=\"$program\" %F|" "$HERE/$ID.desktop" > "$DATA/applications/$ID.desktop"
    cp "$HERE/$ID.metainfo.xml" "$DATA/metainfo/$ID.metainfo.xml"
    cp "$HERE/$ID.mime.xml" "$DATA/mime/packages/$ID.xml"
    cp "$ICONS/bcpviewer.svg" "$DATA/icons/hicolor/scalable/apps/$ID.svg"
    for s in $PNG_SIZES; do
      mkdir -p "$DATA/icons/hicolor/${s}x${s}/apps"
      cp "$ICONS/bcpviewer-$s.png" "$DATA/icons/hicolor/${s}x${s}/apps/$ID.png"
    done
    refresh
    echo "BCP Viewer is in the applications menu, and opens .bcpv projects: $DATA/applications/$ID.desktop runs $program"
    ;;
  uninstall)
    rm -f "$DATA/applications/$ID.desktop" "$DATA/metainfo/$ID.metainfo.xml" "$DATA/mime/packages/$ID.xml" \
      "$DATA/icons/hicolor/scalable/apps/$ID.svg"
    for s in $PNG_SIZES; do rm -f "$DATA/icons/hicolor/${s}x${s}/apps/$ID.png"; done
    refresh
    echo "BCP Viewer's menu entry, icon and file type are removed from $DATA"
    ;;
  *)
    echo "usage: $0 install PROGRAM | uninstall" >&2
    exit 2
    ;;
esac
