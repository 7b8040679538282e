"""Checks made once a whole file has been read: size, volume, duplicates, overlap, consistency."""

from __future__ import annotations

import math
from bisect import bisect_right

from checker.dataset.filestate import FileState
from checker.dataset.findings import FindingLog, LineSink, Sink
from checker.dataset.fingerprint import first_lines, repeated
from checker.dataset.limits import FORMAT_METHODS, METHOD_NAMES, Limits
from checker.dataset.report import FileSummary
from checker.dataset.stats import (
    FileStats,
    billed_tokens,
    estimated_epochs,
    histogram,
    histogram_summary,
    outlier_threshold,
    summary,
)
from checker.dataset.tokens import token_figures
from checker.lifecycle import notices

MB = 1024 * 1024
SEE_A_CHANGE = 50  # 50-100 good examples usually show an effect (guidance, not a provider limit)
HARD_CASES = 1000  # demanding tasks want hundreds to thousands


def finish_file(
    current: FileState,
    limits: Limits,
    train: FileState | None,
    train_summary: FileSummary | None,
) -> FileSummary:
    sink = current.sink
    log = sink.log
    sink.line = None
    fmt = current.format
    assert fmt is not None
    provider = limits.provider
    notes: list[str] = []
    overlap, numbers = 0, {}
    if current.bytes_read > provider.file_size_limit_bytes:
        sink.add(
            "file-too-large",
            f"{current.bytes_read / MB:,.0f} MiB: over the "
            f"{provider.file_size_limit_bytes / MB:,.0f} MiB limit of one {provider.short_name} "
            "training file; split the file",
        )
    if fmt.name == "empty":
        sink.add("empty-file", "the file holds no examples")
    elif fmt.checked:
        if current.role == "train":
            notes += _volume(current.examples, sink, limits)
        elif (
            train_summary and train_summary.format.checked and train_summary.format.name != fmt.name
        ):
            sink.add(
                "format-mismatch",
                f"the validation file is {fmt.name} but the training file is "
                f"{train_summary.format.name}",
            )
        stats = current.stats
        _duplicates(stats, log, current.role)
        overlap = _overlap(stats, train.stats, log) if train is not None else 0
        if fmt.name != "reinforcement":
            _system_messages(stats, log, current.role)
        counter = current.tokens
        exact = counter is not None and counter.all_exact
        numbers = _numbers(stats, log, current.role, limits, exact)
        if counter is not None:
            numbers["token_counting"] = counter.describe()
        if stats.count > len(stats.lines):
            notes.append(
                f"{stats.count:,} examples: duplicates, overlap and token figures cover the first "
                f"{len(stats.lines):,}, to keep memory bounded"
            )
        if current.role == "train" and stats.lines:
            if fmt.name == "reinforcement":
                notes.append(_rft_billing(limits))
            else:
                epochs = estimated_epochs(stats.count)
                numbers["estimated_epochs"] = epochs
                numbers.update(_billed(current, limits, epochs))
    if numbers:
        numbers["token_figures"] = token_figures(numbers)
    return FileSummary(
        role=current.role,
        name=current.name,
        format=fmt,
        detected=current.detected or fmt,
        bytes=current.bytes_read,
        had_bom=current.had_bom,
        examples=current.examples,
        invalid=current.invalid,
        overlap=overlap,
        stats=numbers,
        notes=notes,
    )


def _rft_billing(limits: Limits) -> str:
    text = (
        "Reinforcement fine-tuning is billed by training time, not by tokens, so no token bill "
        "is estimated"
    )
    price = limits.provider.rft_example_price
    if price is not None:
        kind = "an illustrative price" if price.illustrative else "the listed price"
        model = f" for {price.model}" if price.model else ""
        text += (
            f"; {limits.provider.short_name} gives ${price.usd_per_hour:,.2f} per training hour"
            f"{model} as {kind} (checked {price.dated.checked.isoformat()}, "
            f"{price.dated.source.url})"
        )
    return text + "."


def dataset_checks(done: dict[str, FileSummary], limits: Limits, sink: LineSink) -> None:
    """Checks of the whole request: the method against the provider and model, and the
    lifecycle notices of both (checker.lifecycle), one finding each."""
    train = done["train"]
    method = FORMAT_METHODS.get(train.format.name)
    provider, model = limits.provider, limits.model
    if method == "rft" and provider.rft_requires_validation_file and "validation" not in done:
        sink.add(
            "rft-needs-validation-file",
            f"{provider.short_name} requires a validation file for reinforcement fine-tuning; "
            "give one with --validation",
        )
    for notice in notices(provider.key, model.name if model else None, today=limits.today):
        if notice.kind == "shut-down":
            sink.add("model-retired", notice.text)
        else:
            sink.add("model-lifecycle", notice.text)
    if model is None:
        return
    if method is not None and method not in model.methods:
        methods = ", ".join(METHOD_NAMES[m] for m in model.methods)
        sink.add(
            "model-method-mismatch",
            f"{model.name} at {provider.short_name} is trained with {methods}, not "
            f"{METHOD_NAMES[method]}",
        )


def _volume(examples: int, sink: Sink, limits: Limits) -> list[str]:
    add = sink.add
    minimum = limits.provider.min_training_examples
    if examples < minimum:
        add(
            "too-few-examples",
            f"{examples} examples: a fine-tuning job at {limits.provider.short_name} needs "
            f"at least {minimum}",
        )
    elif examples < SEE_A_CHANGE:
        add(
            "few-examples",
            f"{examples} examples: enough to start a job, but 50 to 100 well-made examples "
            "are usually needed to see a change",
        )
    elif examples < HARD_CASES:
        return [
            f"{examples} examples: enough to see an effect; demanding tasks usually need "
            "hundreds to thousands"
        ]
    return []


def _duplicates(stats: FileStats, log: FindingLog, file: str) -> None:
    exact = repeated(stats.exact)
    near = repeated(stats.near)
    if not exact and not near:
        return
    seen_exact: dict[int, int] = {}
    seen_near: dict[int, tuple[int, int]] = {}
    for exact_key, near_key, line in zip(stats.exact, stats.near, stats.lines, strict=True):
        if exact_key in exact:
            first = seen_exact.setdefault(exact_key, line)
            if first != line:
                log.add("duplicate-example", file, line, f"the same example as line {first}")
                continue
        if near_key in near:
            first_line, first_exact = seen_near.setdefault(near_key, (line, exact_key))
            if first_line != line and first_exact != exact_key:
                log.add(
                    "near-duplicate-example",
                    file,
                    line,
                    f"the same prompt as line {first_line} once case, spacing and Unicode "
                    "forms are ignored",
                )


def _overlap(val: FileStats, train: FileStats, log: FindingLog) -> int:
    exact = set(val.exact).intersection(train.exact)
    near = set(val.near).intersection(train.near)
    if not exact and not near:
        return 0
    exact_lines = first_lines(train.exact, train.lines, exact)
    near_lines = first_lines(train.near, train.lines, near)
    found = 0
    for exact_key, near_key, line in zip(val.exact, val.near, val.lines, strict=True):
        if exact_key in exact_lines:
            where = f"training line {exact_lines[exact_key]}"
        elif near_key in near_lines:
            where = f"the prompt of training line {near_lines[near_key]}"
        else:
            continue
        found += 1
        log.add(
            "train-validation-overlap",
            "validation",
            line,
            f"also in the training data ({where}): validation scores will look better than "
            "they are",
        )
    return found


def _system_messages(stats: FileStats, log: FindingLog, file: str) -> None:
    total, with_system = stats.count, stats.with_system
    if 0 < with_system < total:
        if with_system * 2 >= total:
            message = f"no system message, unlike {with_system} of the {total} examples"
            for line in stats.without_system_lines:
                log.add("missing-system-message", file, line, message)
            missing = total - with_system - len(stats.without_system_lines)
            log.count_more("missing-system-message", file, missing)
        else:
            message = f"only {with_system} of the {total} examples have a system message"
            for line in stats.with_system_lines:
                log.add("inconsistent-system-message", file, line, message)
            unlisted = with_system - len(stats.with_system_lines)
            log.count_more("inconsistent-system-message", file, unlisted)
    if len(stats.systems) < 2:
        return
    variants = sorted(stats.systems.values(), key=lambda variant: -variant.count)
    main = variants[0]
    if main.count * 10 < with_system * 9:
        return  # system messages vary by design; nothing stands out
    for variant in variants[1:]:
        log.add(
            "inconsistent-system-message",
            file,
            variant.line,
            f"this system message differs from the one {main.count} examples use (first at "
            f"line {main.line}); {variant.count} example(s) use this one",
            variant.text,
        )


def _billed(current: FileState, limits: Limits, epochs: int) -> dict[str, object]:
    """The billed training tokens: exact, or from the sample with a 95% interval."""
    counter = current.tokens
    if counter is None or not counter.available:
        # estimates only; beyond the tracked examples, assume the rest look like those tracked
        stats = current.stats
        cap = limits.model.token_limit if limits.model else None
        tracked = billed_tokens(stats.tokens, cap, epochs)
        value = tracked * stats.count // len(stats.lines)
        return {
            "estimated_billed_tokens": value,
            "billed_tokens": {"value": value, "exact": False, "low": None, "high": None},
        }
    total = counter.billed()
    value = epochs * round(total.value)
    known = not math.isinf(total.high)  # fewer than two examples sampled: no interval
    billed: dict[str, object] = {
        "value": value,
        "exact": total.exact,
        "low": epochs * math.floor(total.low) if known else None,
        "high": epochs * math.ceil(total.high) if known else None,
        "sampled": total.sampled,
        "population": total.sampled + total.estimated,
        "epochs": epochs,
    }
    return {"estimated_billed_tokens": value, "billed_tokens": billed}


def _numbers(
    stats: FileStats, log: FindingLog, file: str, limits: Limits, exact: bool
) -> dict[str, object]:
    ordered = sorted(stats.tokens)
    threshold = outlier_threshold(ordered)
    model = limits.model
    numbers: dict[str, object] = {
        "messages_per_example": histogram_summary(stats.messages),
        "tokens_per_example": summary(ordered),
        "token_histogram": histogram(ordered),
        "images": stats.images,
        "examples_with_system_message": stats.with_system,
        "model": model.name if model else None,
        "chat_format": model.chat_format if model else "chat",
        "token_limit": model.token_limit if model else None,
        "examples_over_token_limit": (
            len(ordered) - bisect_right(ordered, model.token_limit)
            if model and model.token_limit is not None
            else None
        ),
    }
    if threshold is not None and ordered[-1] > threshold:
        median = ordered[(len(ordered) - 1) // 2]
        for tokens, line in zip(stats.tokens, stats.lines, strict=True):
            if tokens > threshold:
                log.add(
                    "length-outlier",
                    file,
                    line,
                    f"{'' if exact else 'about '}{tokens:,} tokens, far longer than most examples "
                    f"(median {median:,}); check it is not a mistake",
                )
    del ordered
    numbers["assistant_tokens_per_example"] = summary(sorted(stats.reply_tokens))
    return numbers
