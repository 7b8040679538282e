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
    """An InputError if an output would replace an input or another output, or is not a file
    we may write (see ``resolved_output``): checked before any input is read."""
    for output in outputs:
        resolved_output(Path(output))
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
    shown = [Path(target) for target in targets]  # as the user named them, for messages
    paths = [resolved_output(path) for path in shown]
    modes = [_mode_for(path) for path in paths]
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
                os.chmod(name, modes[len(streams) - 1])  # mkstemp's 0600 would stay

            yield streams
            for stream in streams:
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            _remove(temporaries)
            where = _target_of(error, paths, temporaries, shown)
            raise InputError(f"{where}: cannot write: {error.strerror or error}") from None
        except BaseException:
            _remove(temporaries)
            raise
    renamed = 0
    try:
        for temporary, path in zip(temporaries, paths, strict=True):
            os.replace(temporary, path)
            renamed += 1
    except OSError as error:
        _remove(temporaries)
        name = display_path(shown[renamed])
        raise InputError(f"{name}: cannot write: {error.strerror or error}") from None


_SYSTEM_FOLDERS = ("/dev/", "/proc/", "/sys/")


def resolved_output(path: Path) -> Path:
    """Where an output really goes: links resolved, so that renaming replaces the file a link
    names and never the link itself (``/dev/stdout`` is a link to ``/proc/self/fd/1``). Only new
    files and regular files are outputs: renaming over a device, a pipe or a folder would replace
    it (as root, even /dev/full), and nothing is written under /dev, /proc or /sys."""
    name = display_path(path)
    try:
        resolved = Path(os.path.realpath(path))
        absolute = os.path.abspath(path)
        mode = resolved.stat().st_mode if resolved.exists() else None
    except OSError as error:
        raise InputError(f"{name}: cannot write: {error.strerror or error}") from None
    special = any(
        place.startswith(folder)
        for place in (absolute, str(resolved))
        for folder in _SYSTEM_FOLDERS
    )
    if special or (mode is not None and not stat.S_ISREG(mode)):
        raise InputError(f"{name}: not a regular file; name a file to write")
    return resolved


def _mode_for(path: Path) -> int:
    """The permissions an output gets: an existing file keeps its own, a new one gets what the
    umask allows (as ``open`` would give it)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as error:
        raise InputError(f"{display_path(path)}: cannot write: {error.strerror or error}") from None


def _umask() -> int:
    try:
        mask = os.umask(0o022)  # the only way to read it is to set it, then put it back
    except (AttributeError, OSError):  # a platform without one
        return 0o022
    os.umask(mask)
    return mask


def _target_of(
    error: OSError, paths: list[Path], temporaries: list[Path], shown: list[Path]
) -> str:
    for path, temporary, name in zip(paths, temporaries, shown, strict=False):
        if error.filename in (str(temporary), str(path)):
            return display_path(name)
    if len(temporaries) < len(paths):  # failed while creating the next temporary file
        return display_path(shown[len(temporaries)])
    return ", ".join(display_path(name) for name in shown)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with suppress(FileNotFoundError):
            path.unlink()
