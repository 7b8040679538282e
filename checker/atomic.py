"""Files we write appear whole or not at all.

``atomic_outputs`` gives one temporary file per target, each in its target's own folder (so the
final rename never crosses file systems). Only when the block ends without an error, and every
file has been flushed and synced, are they renamed into place; on any failure every temporary
file is removed and existing files are left untouched.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from checker.errors import InputError
from checker.textsafe import display_path


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when ``a`` and ``b`` are one file (also through links); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_overwriting_inputs(
    outputs: Sequence[str | os.PathLike[str]], inputs: Sequence[str | os.PathLike[str]]
) -> None:
    """An InputError if an output would replace an input or another output."""
    for index, output in enumerate(outputs):
        for source in inputs:
            if same_file(output, source) or Path(output).resolve() == Path(source).resolve():
                raise InputError(
                    f"{display_path(output)}: would overwrite the input; choose another name"
                )
        for other in outputs[index + 1 :]:
            if Path(output).resolve() == Path(other).resolve():
                raise InputError(f"{display_path(output)}: named for two outputs")


@contextmanager
def atomic_outputs(targets: Sequence[str | os.PathLike[str]]) -> Iterator[list[BinaryIO]]:
    """Binary streams for ``targets``, renamed into place together when the block succeeds.

    A failure to create, write or sync becomes an InputError naming the target; nothing new is
    left behind. (The renames themselves are atomic one by one; if a later rename fails the
    earlier outputs are already complete files, never partial ones.)"""
    paths = [Path(target) for target in targets]
    for path in paths:
        _refuse_special(path)
    temporaries: list[Path] = []
    with ExitStack() as stack:
        streams: list[BinaryIO] = []
        try:
            for path in paths:
                handle, name = tempfile.mkstemp(
                    prefix=f".{path.name}.", suffix=".partial", dir=path.parent or Path(".")
                )
                temporaries.append(Path(name))
                streams.append(stack.enter_context(os.fdopen(handle, "wb")))
            yield streams
            for stream in streams:
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            _remove(temporaries)
            where = _target_of(error, paths, temporaries)
            raise InputError(f"{where}: cannot write: {error.strerror or error}") from None
        except BaseException:
            _remove(temporaries)
            raise
    try:
        for temporary, path in zip(temporaries, paths, strict=True):
            os.replace(temporary, path)
    except OSError as error:
        _remove(temporaries)
        raise InputError(f"{display_path(path)}: cannot write: {error.strerror or error}") from None


def _refuse_special(path: Path) -> None:
    """Renaming over a device, a pipe or a folder would replace it (as root, even /dev/full):
    only new files and regular files are outputs."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(f"{display_path(path)}: cannot write: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        raise InputError(f"{display_path(path)}: not a regular file; name a file to write")


def _target_of(error: OSError, paths: list[Path], temporaries: list[Path]) -> str:
    for path, temporary in zip(paths, temporaries, strict=False):
        if error.filename in (str(temporary), str(path)):
            return display_path(path)
    if len(temporaries) < len(paths):  # failed while creating the next temporary file
        return display_path(paths[len(temporaries)])
    return ", ".join(display_path(path) for path in paths)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with suppress(FileNotFoundError):
            path.unlink()
