"""What a user chose once and should not be asked again: the council (with the statistical
neighbour model and statistic) and column mappings by header signature. Kept in a small JSON file
in the user's data folder; the environment variable BCPVIEWER_DATA_DIR points elsewhere (tests)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from bcpviewer.io import neighbours as sn
from bcpviewer.io.mapping import ColumnMapping

log = logging.getLogger(__name__)

ENV = "BCPVIEWER_DATA_DIR"
FILE_NAME = "choices.json"
VERSION = 1
MAX_MAPPINGS = 200  # the oldest are forgotten beyond this


@dataclass(frozen=True)
class CouncilChoice:
    """A council (old LA code and name) and how its statistical neighbours are summarised."""

    code: str
    name: str = ""
    model: str = sn.DEFAULT_MODEL
    stat: str = sn.DEFAULT_STAT

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


def data_dir() -> Path:
    env = os.environ.get(ENV, "").strip()
    return Path(env) if env else Path(platformdirs.user_data_dir("bcpviewer", "BCP Viewer"))


class Choices:
    """The remembered choices, read from and written to one JSON file on each use."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else data_dir() / FILE_NAME

    # -- council -------------------------------------------------------------------------------
    def council(self) -> CouncilChoice | None:
        raw = self._read().get("council")
        if not isinstance(raw, dict) or not isinstance(raw.get("code"), str) or not raw["code"]:
            return None
        model = raw.get("model") if raw.get("model") in sn.MODELS else sn.DEFAULT_MODEL
        stat = raw.get("stat") if raw.get("stat") in sn.STATS else sn.DEFAULT_STAT
        name = raw.get("name") if isinstance(raw.get("name"), str) else ""
        return CouncilChoice(raw["code"], name, model, stat)

    def set_council(self, choice: CouncilChoice) -> None:
        data = self._read()
        data["council"] = {"code": choice.code, "name": choice.name, "model": choice.model,
                           "stat": choice.stat}
        self._write(data)

    def clear_council(self) -> None:
        data = self._read()
        data.pop("council", None)
        self._write(data)

    # -- column mappings -------------------------------------------------------------------------
    def mappings(self) -> dict[str, ColumnMapping]:
        raw = self._read().get("mappings")
        out: dict[str, ColumnMapping] = {}
        if isinstance(raw, dict):
            for sig, m in raw.items():
                mapping = ColumnMapping.from_json(m)
                if mapping is not None and isinstance(sig, str) and sig:
                    out[sig] = mapping
        return out

    def remember_mapping(self, mapping: ColumnMapping) -> None:
        if not mapping.signature:
            return
        data = self._read()
        raw = data.get("mappings")
        maps: dict[str, Any] = raw if isinstance(raw, dict) else {}
        maps.pop(mapping.signature, None)  # newest last
        maps[mapping.signature] = mapping.to_json()
        while len(maps) > MAX_MAPPINGS:
            maps.pop(next(iter(maps)))
        data["mappings"] = maps
        self._write(data)

    def forget_mapping(self, signature: str) -> None:
        data = self._read()
        if isinstance(data.get("mappings"), dict):
            data["mappings"].pop(signature, None)
            self._write(data)

    # -- the file --------------------------------------------------------------------------------
    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, UnicodeDecodeError) as e:  # damaged: start afresh, say so in the log
            log.warning("The remembered choices in %s could not be read (%s); they are ignored", self.path, e)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        data["version"] = VERSION
        path = self.path
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".choices-", suffix=".json", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, ensure_ascii=False)
            os.replace(tmp, path)  # never half a file
            tmp = None
        except OSError as e:
            log.warning("The choices could not be saved to %s (%s)", path, e)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
