"""The dataset page's Convert and Fix, without a browser: what is offered, and that the page's
requests write what the command line writes."""

from __future__ import annotations

import json
from pathlib import Path

from checker.cli import main
from checker.dataset import validate_dataset
from checker.web import handle

DATA = Path(__file__).resolve().parents[2] / "data"
CSV = DATA / "convert" / "csv-header" / "input.csv"
DIRTY = DATA / "fix" / "basic" / "train.jsonl"


def offered(path: Path) -> dict[str, object]:
    return json.loads(handle("repair_offer", json.dumps(validate_dataset(path).to_dict())))  # type: ignore[no-any-return]


def cli_sources() -> list[str]:
    """The formats ``convert --from`` accepts, read from the command's parser."""
    import argparse

    from checker.commands import convert

    parser = argparse.ArgumentParser()
    convert.configure(parser)
    return list(next(a.choices or () for a in parser._actions if a.dest == "source"))


def test_offers() -> None:
    assert offered(CSV)["convert"] is True
    assert offered(DIRTY)["fix"] is True and offered(DIRTY)["convert"] is False
    clean = offered(DATA / "convert" / "csv-header" / "expected.jsonl")
    assert clean == {"ok": True, "convert": False, "fix": False, "reasons": [], "removes": []} | {
        "sources": cli_sources()
    }


def test_fix_offer_says_what_it_removes_in_words() -> None:
    overlap = DATA / "invalid-datasets" / "leakage.jsonl"
    report = validate_dataset(overlap, overlap.with_name("leakage.validation.jsonl")).to_dict()
    count = report["findings"]["train-validation-overlap"]["count"]
    got = json.loads(handle("repair_offer", json.dumps(report)))
    removes = {line["code"]: line["text"] for line in got["removes"]}
    examples = "example that also appears" if count == 1 else "examples that also appear"
    assert removes["train-validation-overlap"].startswith(
        f"{count:,} validation {examples} in the training file ("
    )
    assert not any(code in " ".join(got["reasons"]) for code in removes)


def test_preview_says_what_the_file_is_in_a_sentence(tmp_path: Path) -> None:
    request = {"action": "preview", "train": str(CSV), "out": str(tmp_path)}
    reply = json.loads(handle("repair_request", json.dumps(request)))
    assert reply["verdict"] == (
        "This is a CSV file with Question and Answer columns, not chat JSON Lines: "
        "convert it below."
    )
    alpaca = DATA / "convert" / "json-array-alpaca" / "input.json"
    request = {"action": "preview", "train": str(alpaca), "out": str(tmp_path)}
    reply = json.loads(handle("repair_request", json.dumps(request)))
    assert reply["verdict"].startswith("This is a JSON array of Alpaca records")


def test_the_change_log_names_files_not_the_pages_working_paths(tmp_path: Path) -> None:
    work = tmp_path / "repair-5"
    (work / "train").mkdir(parents=True)
    (work / "out").mkdir()
    source = work / "train" / "input.csv"
    source.write_bytes(CSV.read_bytes())
    request = {"action": "convert", "train": str(source), "out": str(work / "out")}
    reply = json.loads(handle("repair_request", json.dumps(request)))
    assert reply["ok"], reply
    changes = Path(reply["files"]["changes"]).read_text(encoding="utf-8")
    assert "repair-5" not in changes and str(tmp_path) not in changes
    assert json.loads(changes)["files"] == {
        "input": "input.csv",
        "output": "input.chat.jsonl",
        "rejects": "input.chat.rejects.jsonl",
        "changes": "input.chat.changes.json",
    }
    assert reply["checked"].startswith("The converted file, checked again: ")
    assert reply["view"]["verdict"]["code"] == reply["report"]["verdict"]
    assert str(tmp_path) not in json.dumps(reply["view"]) + reply["markdown"]


def test_preview_shows_the_mapping_and_first_examples(tmp_path: Path) -> None:
    reply = json.loads(
        handle(
            "repair_request",
            json.dumps({"action": "preview", "train": str(CSV), "out": str(tmp_path)}),
        )
    )
    assert reply["ok"] and reply["mapping"].startswith("CSV (comma-separated, header row)")
    assert reply["before"][0] == "Question,Answer"
    assert len(reply["after"]) == 3 and json.loads(reply["after"][0])["messages"]
    assert list(tmp_path.iterdir()) == []


def test_convert_and_fix_write_what_the_cli_writes(tmp_path: Path) -> None:
    for action, source, args in (("convert", CSV, ["--from", "auto"]), ("fix", DIRTY, [])):
        out = tmp_path / action
        out.mkdir()
        request = {"action": action, "train": str(source), "out": str(out)}
        reply = json.loads(handle("repair_request", json.dumps(request)))
        assert reply["ok"], reply
        cli = tmp_path / f"cli-{action}.jsonl"
        assert main([action, str(source), *args, "-o", str(cli)]) == 0
        assert Path(reply["files"]["output"]).read_bytes() == cli.read_bytes()
        rejects = cli.with_name(f"cli-{action}.rejects.jsonl")
        assert Path(reply["files"]["rejects"]).read_bytes() == rejects.read_bytes()


def test_unusable_input_is_an_error_reply(tmp_path: Path) -> None:
    source = tmp_path / "x.jsonl"
    source.write_text('{"a": 1}\n')
    request = {"action": "preview", "train": str(source), "out": str(tmp_path)}
    reply = json.loads(handle("repair_request", json.dumps(request)))
    assert reply["ok"] is False and "no record has fields we recognise" in reply["error"]


def test_fix_works_when_both_files_share_a_name(tmp_path: Path) -> None:
    """Two files called train.jsonl from two folders: both fixed files are written."""
    folders = [tmp_path / "a", tmp_path / "b", tmp_path / "out"]
    for folder in folders:
        folder.mkdir()
    train, validation = folders[0] / "data.jsonl", folders[1] / "data.jsonl"
    train.write_bytes(DIRTY.read_bytes())
    validation.write_bytes((DATA / "fix" / "basic" / "validation.jsonl").read_bytes())
    request = {
        "action": "fix",
        "train": str(train),
        "validation": str(validation),
        "out": str(folders[2]),
    }
    reply = json.loads(handle("repair_request", json.dumps(request)))
    assert reply["ok"], reply
    assert Path(reply["files"]["output"]).name == "data.fixed.jsonl"
    assert Path(reply["files"]["validation_output"]).name == "data.validation.fixed.jsonl"
    assert reply["status"].startswith("Done: 0 errors, ") and "1 warnings" not in reply["status"]
    assert all(Path(path).exists() for path in reply["files"].values())
    changes = json.loads(Path(reply["files"]["changes"]).read_text(encoding="utf-8"))
    assert changes["files"]["train"] == "data.jsonl"
    assert changes["files"]["validation_output"] == "data.validation.fixed.jsonl"
    assert str(tmp_path) not in json.dumps(changes)
