"""The two worked notebooks run against a home built from the generator, and are
committed without outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.app.conftest import PW
from tests.raw_values import Needles, raw_values

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_notebooks_are_committed_without_outputs() -> None:
    assert len(NOTEBOOKS) >= 2
    for nb in NOTEBOOKS:
        doc = json.loads(nb.read_text())
        for cell in doc["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs"), f"{nb.name} has committed outputs; strip them"
                assert cell.get("execution_count") is None, nb.name
        tags = [c.get("metadata", {}).get("tags", []) for c in doc["cells"]]
        assert any("parameters" in t for t in tags), f"{nb.name} has no papermill parameters cell"


@pytest.mark.notebook
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_notebook_runs(
    nb: Path,
    swept_home: Path,
    synth_small: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import papermill

    monkeypatch.setenv("WARDEN_PASSPHRASE", PW)
    monkeypatch.setenv("WARDEN_USER", "carol")
    out = tmp_path / nb.name
    papermill.execute_notebook(
        str(nb),
        str(out),
        parameters={"home": str(swept_home), "window": "30d"},
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
    )
    doc = json.loads(out.read_text())
    outputs = [o for c in doc["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    text = json.dumps(outputs, ensure_ascii=False)
    assert "Traceback" not in text
    # the notebook showed accounts: their pseudonyms are there ...
    assert re.search(r"ac_v\d+_[0-9a-f]{8}", text), "no account pseudonym in the outputs"
    # ... and no raw identifier or planted value from the log behind the home
    needles = raw_values(synth_small)
    assert len(needles) > 1000
    assert sorted(Needles(needles).in_text(text)) == []
