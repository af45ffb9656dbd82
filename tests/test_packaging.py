"""What a wheel of Warden holds: every data file the packages read at run time.

An editable install (what `make` does) reads files from the source tree, so a data file
left out of ``[tool.setuptools.package-data]`` goes unnoticed until someone installs a
built wheel: the second name model was missing that way. This checks the patterns the
way setuptools applies them (globs relative to each package's folder, ``*`` within one
path part), without building a wheel."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("warden", "redaction", "investigate", "enforcement", "app")


def _listed(rel: PurePosixPath, patterns: list[str]) -> bool:
    for pattern in patterns:
        parts = PurePosixPath(pattern).parts
        if len(parts) == len(rel.parts) and all(
            fnmatchcase(a, b) for a, b in zip(rel.parts, parts, strict=True)
        ):
            return True
    return False


def _data_files() -> list[list[tuple[str, PurePosixPath]]]:
    """Per file that is not code: (package, path relative to its folder) for each package
    it lies in. A folder whose name is an identifier is a package (setuptools finds
    namespace packages too: ``warden/migrations``), and a package's patterns reach into
    the folders below it."""
    out = []
    for top in PACKAGES:
        for f in sorted((ROOT / top).rglob("*")):
            if not f.is_file() or f.suffix in (".py", ".pyc") or "__pycache__" in f.parts:
                continue
            parts = f.relative_to(ROOT).parts[:-1]
            ends = [i for i in range(1, len(parts) + 1) if all(p.isidentifier() for p in parts[:i])]
            out.append(
                [(".".join(parts[:i]), PurePosixPath(*f.relative_to(ROOT).parts[i:])) for i in ends]
            )
    return out


def test_every_data_file_of_the_packages_goes_into_the_wheel() -> None:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = conf["tool"]["setuptools"]["package-data"]
    files = _data_files()
    assert any("person-xx-scripts" in str(rel) for places in files for _, rel in places)
    missing = [
        f"{places[0][0]}: {places[0][1]}"
        for places in files
        if not any(
            _listed(rel, patterns.get("*", []) + patterns.get(pkg, [])) for pkg, rel in places
        )
    ]
    assert not missing, "not in [tool.setuptools.package-data]: " + ", ".join(missing)
