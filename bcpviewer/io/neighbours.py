"""DfE statistical neighbours (2021 and 2025 models, shipped in resources/neighbours.json), the
councils' codes and names, and the neighbours' median or mean of a figure for each period."""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from bcpviewer.bundled import resources_path
from bcpviewer.model.records import Comparator, Observation
from bcpviewer.model.spans import Span

MODELS = ("2021", "2025")
STATS = ("median", "mean")
DEFAULT_MODEL = "2021"
DEFAULT_STAT = "median"
RESOURCE = "neighbours.json"


@dataclass(frozen=True, slots=True)
class Council:
    """A council as the DfE neighbour files list it: old LA code (839), name and region."""

    code: str
    name: str
    region: str = ""
    former: bool = False  # abolished in a reorganisation (e.g. Poole before 2019)
    new_code: str = ""  # ONS code, E06000058

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True, slots=True)
class NeighbourModel:
    """One DfE model: each council's ten neighbours, most similar first."""

    key: str  # "2021" or "2025"
    source: str
    councils: Mapping[str, Council]
    neighbours: Mapping[str, tuple[str, ...]]

    def of(self, code: str) -> tuple[str, ...]:
        return self.neighbours.get(code, ())


def _resource_text() -> str:
    """The bundled JSON (see ``bcpviewer.bundled``)."""
    path = resources_path(RESOURCE)
    if path is None:
        raise FileNotFoundError(f"{RESOURCE} is not installed with this copy of BCP Viewer")
    return path.read_text(encoding="utf-8")


@cache
def models() -> dict[str, NeighbourModel]:
    """Both models, read once."""
    data = json.loads(_resource_text())
    out: dict[str, NeighbourModel] = {}
    for key, m in data["models"].items():
        councils = {
            code: Council(code, c["name"], c.get("region", ""), bool(c.get("former", False)),
                          c.get("new_code", ""))
            for code, c in m["councils"].items()
        }
        near = {code: tuple(n for n, _closeness in c["neighbours"]) for code, c in m["councils"].items()}
        out[key] = NeighbourModel(key, m.get("source", ""), councils, near)
    return out


def model(key: str) -> NeighbourModel:
    """The model named ``key`` ("2021" or "2025"); ValueError for any other."""
    found = models().get(str(key).strip())
    if found is None:
        raise ValueError(f"there is no {key!r} statistical neighbour model; use {' or '.join(MODELS)}")
    return found


def all_councils() -> list[Council]:
    """Every council in either model, by name; a council's latest name wins (2025 before 2021)."""
    seen: dict[str, Council] = {}
    for key in reversed(MODELS):
        for code, c in models()[key].councils.items():
            seen.setdefault(code, c)
    return sorted(seen.values(), key=lambda c: (c.former, c.name.casefold()))


def names_of(code: str) -> set[str]:
    """Every spelling of a council's name across the models."""
    return {m.councils[code].name for m in models().values() if code in m.councils}


def council_name(code: str) -> str | None:
    for key in reversed(MODELS):
        c = models()[key].councils.get(code)
        if c is not None:
            return c.name
    return None


_NOISE = re.compile(
    r"\b(?:city of|county of|council|the|borough|metropolitan|royal borough of|corporation)\b")
_BRACKETS = re.compile(r"\([^)]*\)")  # "Poole (Pre LG)"
_NON_ALNUM = re.compile(r"[\W_]+")


def council_key(name: str) -> str:
    """A council's name reduced for matching: case, '&' or 'and', 'City of', 'County Durham' or
    'Durham', 'St.' or 'St' and punctuation do not matter."""
    text = _BRACKETS.sub(" ", name.casefold()).replace("&", " and ")
    text = re.sub(r"\bst\.", "st", text)
    text = _NOISE.sub(" ", text)
    text = re.sub(r"^\s*county\s+(?=durham)", " ", text)
    return _NON_ALNUM.sub("", text)


def find_code(text: str) -> str | None:
    """The old LA code for a code (839) or a name (either spelling) in the models, else None."""
    t = text.strip()
    if not t:
        return None
    for m in models().values():
        if t in m.councils:
            return t
    for c in all_councils():
        if c.new_code and c.new_code.casefold() == t.casefold():
            return c.code
    key = council_key(t)
    if not key:
        return None
    for c in all_councils():
        if any(council_key(n) == key for n in names_of(c.code)):
            return c.code
    return None


def comparator_label(model_key: str, stat: str) -> str:
    return f"Statistical neighbours ({stat}, {model_key} model)"


def check_options(model_key: str, stat: str) -> tuple[str, str]:
    """The model and statistic, checked: ValueError names what is allowed."""
    model(model_key)
    if stat not in STATS:
        raise ValueError(f"the neighbours' statistic must be {' or '.join(STATS)}, not {stat!r}")
    return str(model_key).strip(), stat


def neighbour_comparator(
    code: str,
    figures: Mapping[str, Mapping[Span, Observation]],
    periods: Iterable[Span],
    *,
    model_key: str = DEFAULT_MODEL,
    stat: str = DEFAULT_STAT,
) -> Comparator | None:
    """The neighbours of council ``code`` summarised per period (median or mean of those with a
    figure), with notes naming the neighbours that had none; None when the council is not in the
    model. ``figures`` holds each council's observations by period (by old LA code)."""
    m = model(model_key)
    near = m.of(code)
    if not near:
        return None
    summarise = statistics.median if stat == "median" else statistics.fmean
    wanted = set(periods)
    for c in near:
        wanted.update(figures.get(c, {}))
    observations: list[Observation] = []
    notes: list[str] = [f"The {model_key} model's neighbours of {_who(m, code, None)}: "
                        + ", ".join(_who(m, c, None) for c in near) + f" (source: {m.source})"]
    for period in sorted(wanted):
        have: list[float] = []
        missing: list[str] = []
        releases: set[str] = set()
        for c in near:
            obs = figures.get(c, {}).get(period)
            if obs is None or obs.value is None:
                missing.append(_who(m, c, obs))
            else:
                have.append(obs.value)
                if obs.release:
                    releases.add(obs.release)
        if have:
            release = next(iter(releases)) if len(releases) == 1 else None
            value = summarise(have)
            value = _to_precision(value, have) if stat == "median" else round(value, 10)
            observations.append(Observation(period, value, None, release))
        if missing:
            shown = "none" if not have else f"{len(have)} of {len(near)}"
            notes.append(f"{period.label}: {stat} of {shown} neighbours; no figure for "
                         + ", ".join(missing))
    if not observations:
        return None
    return Comparator("neighbours", comparator_label(model_key, stat), tuple(observations),
                      tuple(notes))


def _to_precision(value: float, inputs: list[float]) -> float:
    """A median rounded to one decimal place more than its most precise input (16.1 and 16.3
    give 16.2, never 16.200000000000003); a mean keeps its digits but loses float noise."""
    return round(value, min(6, max(map(_decimals, inputs), default=0) + 1))


def _decimals(v: float) -> int:
    text = repr(float(v))
    if "e" in text or "n" in text:
        return 6
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def _who(m: NeighbourModel, code: str, obs: Observation | None) -> str:
    c = m.councils.get(code)
    name = c.name if c is not None else council_name(code) or "council"
    why = f", {obs.code}" if obs is not None and obs.code else ""
    return f"{name} ({code}{why})"
