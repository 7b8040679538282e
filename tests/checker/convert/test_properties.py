"""Properties: convert and fix never raise on any input (other than a one-line InputError), and
never lose a line silently: every input line is in the output, a counted drop, or a reject."""

from __future__ import annotations

import io
import json

import pytest

from checker.convert import SOURCES, convert_chunks, plan
from checker.convert.common import split_lines
from checker.convert.fix import fix_chunks
from checker.errors import InputError

pytest.importorskip("hypothesis")  # not every Pyodide build ships it

from hypothesis import given, settings
from hypothesis import strategies as st

TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
RECORDS = st.one_of(
    st.fixed_dictionaries({"prompt": TEXT, "completion": TEXT}),
    st.fixed_dictionaries({"question": TEXT, "answer": st.one_of(TEXT, st.integers())}),
    st.fixed_dictionaries({"instruction": TEXT, "input": TEXT, "output": TEXT}),
    st.fixed_dictionaries(
        {
            "conversations": st.lists(
                st.fixed_dictionaries(
                    {
                        "from": st.sampled_from(["human", "gpt", "system", "tool", "x"]),
                        "value": TEXT,
                    }
                ),
                max_size=3,
            )
        }
    ),
    st.fixed_dictionaries(
        {
            "messages": st.lists(
                st.fixed_dictionaries(
                    {"role": st.sampled_from(["user", "assistant", "system"]), "content": TEXT}
                ),
                max_size=3,
            )
        }
    ),
)
LINES = st.one_of(
    RECORDS.map(lambda r: json.dumps(r).encode()),
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [b"", b"  ", b"\r", b"\xef\xbb\xbf{}", b"[1]", b"{", b'"s"', b"\xff\xfe", b"a,b"]
    ),
    st.binary(max_size=20),
)


@st.composite
def files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(LINES, max_size=25))
    pool = draw(st.lists(st.sampled_from(lines), max_size=5)) if lines else []  # duplicates
    lines += pool
    draw(st.randoms()).shuffle(lines)
    end = draw(st.sampled_from([b"\n", b"\r\n"]))
    return end.join(lines) + draw(st.sampled_from([b"", end]))


def chunked(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)] or [b""]


def line_count(data: bytes) -> int:
    return sum(1 for _ in split_lines([data]))


@settings(deadline=None)
@given(files(), st.sampled_from(["auto", *SOURCES]), st.integers(1, 64))
def test_convert_never_raises_and_accounts_for_every_line(
    data: bytes, source: str, size: int
) -> None:
    out, rejects = io.BytesIO(), io.BytesIO()
    try:
        mapping = plan(data, "input.jsonl", source)
        result = convert_chunks(chunked(data, size), mapping, out, rejects)
    except InputError as error:
        assert "\n" not in str(error)
        return
    written = out.getvalue().count(b"\n")
    assert written == result.examples
    assert rejects.getvalue().count(b"\n") == result.rejected
    if mapping.container == "jsonl":
        log = result.log
        used = log.count("converted") + log.count("rejected") + log.count("blank-line-dropped")
        assert used == line_count(data)
        assert log.count("converted") == written
    for line in out.getvalue().splitlines():
        assert isinstance(json.loads(line)["messages"], list)


@settings(deadline=None)
@given(files(), files(), st.booleans(), st.integers(1, 64))
def test_fix_never_raises_and_accounts_for_every_line(
    train: bytes, validation: bytes, near: bool, size: int
) -> None:
    out, val, rejects = io.BytesIO(), io.BytesIO(), io.BytesIO()
    result = fix_chunks(
        chunked(train, size),
        out,
        rejects,
        validation=chunked(validation, size),
        out_validation=val,
        drop_near_duplicates=near,
    )
    for role, data, sink in (("train", train, out), ("validation", validation, val)):
        dropped = sum(
            c["count"]
            for c in result.log.to_dict()
            if c["file"] == role
            and c["change"] not in ("bom-removed", "line-end-normalised", "conflicting-labels")
        )
        assert result.lines_out[role] == sink.getvalue().count(b"\n")
        assert result.lines_out[role] + dropped == line_count(data)
        kept = set(sink.getvalue().splitlines())
        assert len(kept) == result.lines_out[role]  # no exact duplicates are left
        originals = {
            line.removeprefix(b"\xef\xbb\xbf").removesuffix(b"\r") for line in data.split(b"\n")
        }
        assert kept <= originals  # every kept line is an input line, unchanged


@given(st.lists(st.tuples(st.sampled_from(["system", "user", "assistant"]), st.text()), max_size=4))
def test_turns_are_written_exactly_as_json_dumps_writes_them(turns: list[tuple[str, str]]) -> None:
    from checker.convert.run import dump_example

    example = {"messages": [{"role": role, "content": text} for role, text in turns]}
    assert dump_example(list(turns)) == json.dumps(example, ensure_ascii=False)
