from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli


def test_redact_text_from_stdin() -> None:
    result = CliRunner().invoke(cli, ["redact"], input="Hi Ana Ruiz, ana@mail.es\nnothing\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Hi <PERSON>, <EMAIL_ADDRESS>", "nothing"]
    assert "EMAIL_ADDRESS 1" in result.stderr and "ana@mail.es" not in result.stderr


def test_redact_jsonl_file_with_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_bytes(
        b'{"text": "key sk-proj-abcdefghijklmnopqrstuvwxyz0123", "id": 1}\n'
        b"not json at all, Ana Ruiz\n"
        b'{"text": "caf\xc3\xa9 \xff Trevor Whitfield", "id": 3}\n'
    )
    result = CliRunner().invoke(cli, ["redact", "--format", "jsonl", str(f)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines[0] == {"text": "key <SECRET>", "id": 1}
    assert lines[1]["line"] == 2 and "Ana" not in json.dumps(lines[1])
    assert lines[2]["id"] == 3 and "Whitfield" not in lines[2]["text"]
    assert "1 lines were not valid UTF-8" in result.stderr
    assert "1 lines were not JSON objects" in result.stderr


def test_redact_profile_flag(tmp_path: Path) -> None:
    text = "Seen in Springfield on March 3, 2024, aged 94.\n"
    default = CliRunner().invoke(cli, ["--home", str(tmp_path), "redact"], input=text)
    strict = CliRunner().invoke(
        cli, ["--home", str(tmp_path), "redact", "--profile", "strict"], input=text
    )
    assert default.exit_code == 0 and strict.exit_code == 0, strict.output
    assert "Springfield" in default.stdout and "March 3" in default.stdout
    assert "Springfield" not in strict.stdout and "March 3" not in strict.stdout
    assert "2024" in strict.stdout and "<AGE>" in strict.stdout


def test_redact_jsonl_grouped_by_a_field(tmp_path: Path) -> None:
    # lines of one account are one group: the name found in the first is redacted in
    # the second; the other account's line, and a line without the field (each such line
    # is a group of its own), stay as they are; a bad line in between changes nothing; --group-by needs JSON lines
    f = tmp_path / "in.jsonl"
    lines = [
        {"account": "a", "text": "Please forward the draft to Dr. Wendelin Quarzbach before noon."},
        {"account": "a", "text": "Quarzbach approved the budget."},
        {"account": "b", "text": "Quarzbach approved the budget."},
        {"text": "Quarzbach approved the budget."},
        {"text": "Please forward the draft to Dr. Wendelin Quarzbach before noon."},
    ]
    f.write_text("\n".join([json.dumps(lines[0]), "not json", *map(json.dumps, lines[1:])]) + "\n")
    result = CliRunner().invoke(
        cli, ["redact", "--format", "jsonl", "--group-by", "account", str(f)]
    )
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o.get("text") for o in out[2:]] == [
        "<PERSON> approved the budget.",
        "Quarzbach approved the budget.",
        "Quarzbach approved the budget.",
        "Please forward the draft to Dr. <PERSON> before noon.",
    ]
    plain = CliRunner().invoke(cli, ["redact", "--format", "jsonl", str(f)])
    assert json.loads(plain.stdout.splitlines()[2])["text"] == "Quarzbach approved the budget."
    wrong = CliRunner().invoke(cli, ["redact", "--group-by", "account", str(f)])
    assert wrong.exit_code == 2 and "add --format jsonl" in wrong.output
