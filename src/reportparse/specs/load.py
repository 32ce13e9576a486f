"""Load the spec files, checked against ``schema.py``; a bad file fails naming file and key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from .schema import Classifier, Family, YearSpec

SPEC_FILE = re.compile(r"(\d{4})\.toml")


class SpecError(Exception):
    """A spec file that does not follow its schema; the message names the file and the key."""


_folders: list[Path] = []  # folders read instead of the package's specs (``spec_folder``)


def _root():
    return _folders[-1] if _folders else resources.files("reportparse.specs")


@contextmanager
def spec_folder(folder: Path) -> Iterator[None]:
    """Read the spec files from ``folder`` (laid out as the package's ``specs/``: families.toml,
    classify.toml, <family>/<year>.toml) instead of the package's, in this process (not in
    worker processes): to try a new or changed year spec, and in tests. The specs loaded here
    are forgotten on entry and on exit; the key-figure rules compiled from classify.toml
    (``text.classify``) are not reloaded."""
    _forget()
    _folders.append(Path(folder))
    try:
        yield
    finally:
        _folders.pop()
        _forget()


def _forget() -> None:
    for loader in (families, classifier, spec_years, year_spec):
        loader.cache_clear()


def _where(loc: tuple) -> str:
    """pydantic's location ("table", 0, "column", 1, "x") as "table[0].column[1].x"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith("function-"):
            out += f".{part}" if out else str(part)
    return out or "(top)"


def _read(path: str):
    try:
        text = _root().joinpath(*path.split("/")).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(f"specs/{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"specs/{path}: not valid TOML ({exc})") from None


def _checked(model, data, path: str, within: tuple = ()):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        where = _where((*within, *first["loc"]))
        raise SpecError(f"specs/{path}: {where}: {message}{more}") from None


@cache
def families() -> tuple[Family, ...]:
    """The document families of ``families.toml``, in the order they are tried."""
    data = _read("families.toml")
    return tuple(
        _checked(Family, {**body, "id": fid}, "families.toml", (fid,)) for fid, body in data.items()
    )


@cache
def classifier() -> Classifier:
    """The key-figure classification rules of ``classify.toml``."""
    return _checked(Classifier, _read("classify.toml"), "classify.toml")


@cache
def spec_years(family: str) -> tuple[int, ...]:
    folder = _root().joinpath(family)
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(int(m.group(1)) for p in folder.iterdir() if (m := SPEC_FILE.fullmatch(p.name)))
    )


@dataclass(frozen=True)
class Spec:
    """The spec a document is read with: its family's spec of the year, or the newest earlier
    one (``notice`` says so)."""

    family: str
    year: int  # the year of the spec file used
    path: str  # "specs/<family>/<year>.toml"; "" for a family without specs
    content: YearSpec
    notice: str = ""


@cache
def year_spec(family: str, year: int) -> YearSpec:
    path = f"{family}/{year}.toml"
    return _checked(YearSpec, _read(path), path)


def load_spec(family: str, year: int) -> Spec:
    """The spec for ``year``; else the newest earlier one (or the earliest), with a notice."""
    years = spec_years(family)
    if not years:
        return Spec(family, year, "", YearSpec())
    earlier = [y for y in years if y <= year]
    used = earlier[-1] if earlier else years[0]
    notice = "" if used == year else f"no spec for {year}; read with the {used} spec"
    return Spec(family, used, f"specs/{family}/{used}.toml", year_spec(family, used), notice)
