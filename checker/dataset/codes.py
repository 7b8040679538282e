"""The catalogue of finding codes: one entry per code, the single source of every code's severity,
meaning and advice. The checker reads severities from here, and the site's table of codes
(docs/dataset.md) is generated from it, so a code cannot exist without its description.

Codes are stable: tools may match on them. Add a code here before reporting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
Scope = Literal["file", "line", "example", "dataset"]


@dataclass(frozen=True)
class Code:
    severity: Severity
    scope: Scope
    description: str  # one sentence: what was found
    action: str  # one sentence: what to do about it


def _e(scope: Scope, description: str, action: str) -> Code:
    return Code("error", scope, description, action)


def _w(scope: Scope, description: str, action: str) -> Code:
    return Code("warning", scope, description, action)


CATALOGUE: dict[str, Code] = {
    # the file as a whole
    "empty-file": _e(
        "file", "The file holds no examples.", "Check that the right file was exported."
    ),
    "file-too-large": _e(
        "file",
        "The file is larger than the provider accepts for one training file.",
        "Split it into smaller files or remove examples.",
    ),
    "binary-file": _e(
        "file",
        "The file is not text: an archive, a compressed file, a document or an image.",
        "Unpack or export the data as UTF-8 JSON Lines.",
    ),
    "utf16-file": _e(
        "file",
        "The file is UTF-16 text (as Windows Notepad and PowerShell often save it), not UTF-8.",
        "Convert it, e.g. `iconv -f UTF-16 -t UTF-8 in.jsonl > out.jsonl`, or save it as UTF-8.",
    ),
    "json-array-file": _e(
        "file",
        "The file is one JSON array of examples rather than one example per line.",
        "Write each example as one JSON object on its own line.",
    ),
    "csv-file": _e(
        "file",
        "The file holds comma- or tab-separated values, not JSON Lines.",
        "Turn each row into a JSON object with a `messages` list.",
    ),
    "prompt-completion-format": _e(
        "file",
        "The lines are legacy prompt/completion pairs, which current models cannot train on.",
        "Turn each pair into `messages` with a user and an assistant turn.",
    ),
    "question-answer-format": _e(
        "file",
        "The lines are question/answer pairs, not a fine-tuning format.",
        "Turn each pair into `messages` with a user and an assistant turn.",
    ),
    "unknown-format": _e(
        "file",
        "The lines are not in any fine-tuning format the checker knows.",
        "Use the chat, preference or reinforcement layout described on this page.",
    ),
    "method-mismatch": _e(
        "file",
        "The file does not fit the training method that was asked for.",
        "Check the method (`--method`) or convert the file to that method's layout.",
    ),
    "format-mismatch": _e(
        "file",
        "The validation file is in another format than the training file.",
        "Give both files the same layout; a job accepts one.",
    ),
    "too-few-examples": _e(
        "file",
        "The training file has fewer examples than the provider needs to start a job.",
        "Add examples.",
    ),
    "few-examples": _w(
        "file",
        "Enough examples to start a job, but usually too few to see a change.",
        "Aim for at least 50 to 100 well-made examples.",
    ),
    "rft-needs-validation-file": _e(
        "dataset",
        "Reinforcement fine-tuning at this provider needs a validation file, and none was given.",
        "Hold out part of the data (the `split` command) and check it with `--validation`.",
    ),
    "model-retired": _w(
        "dataset",
        "The chosen model is past its retirement date at this provider.",
        "Pick a model, or a provider, that still trains and serves fine-tunes.",
    ),
    "model-lifecycle": _w(
        "dataset",
        "The chosen model's training is closed, restricted or ending soon, its fine-tunes stop "
        "serving within a year, or the provider is winding down fine-tuning.",
        "Read the dated notice and its source, and plan where you will train and serve after it.",
    ),
    "model-method-mismatch": _e(
        "dataset",
        "The chosen model cannot be trained with this file's method at this provider.",
        "Pick a model that supports the method, or change the method.",
    ),
    # one line
    "invalid-utf8": _e(
        "line",
        "The line holds bytes that are not UTF-8 text.",
        "Re-export the file as UTF-8.",
    ),
    "invalid-json": _e(
        "line",
        "The line is not valid JSON (NaN and Infinity are not JSON either).",
        "Fix the line at the column given; write numbers as plain numbers or strings.",
    ),
    "lone-surrogate": _e(
        "line",
        "A string holds a lone UTF-16 surrogate escape such as \\ud800, which is not text.",
        "Fix the program that wrote the file; the escape usually comes from a cut emoji.",
    ),
    "nested-too-deeply": _e(
        "line",
        "The JSON on the line is nested too deeply to read.",
        "Flatten the structure; no real example nests this deep.",
    ),
    "line-too-long": _e(
        "line",
        "The line is longer than the provider's limit for a whole file.",
        "Shorten the example; it cannot be uploaded as it is.",
    ),
    "line-too-complex": _e(
        "line",
        "The line holds so many JSON objects and arrays that it was not parsed.",
        "Check how the line was produced; a real example holds far fewer.",
    ),
    "not-an-object": _e(
        "line",
        "The line is JSON but not an object.",
        "Write each example as one JSON object.",
    ),
    # one example
    "missing-messages": _e(
        "example",
        "The example has no `messages` list.",
        "Put the conversation in a `messages` list.",
    ),
    "empty-messages": _e(
        "example", "The `messages` list is empty.", "Add the conversation's messages."
    ),
    "bad-message": _e(
        "example",
        "A message is not an object, or one of its fields has the wrong type.",
        "Write each message as an object with `role` and `content`.",
    ),
    "missing-role": _e("example", "A message has no `role`.", "Give every message a role."),
    "unknown-role": _e(
        "example",
        "A message's role is not one the format accepts.",
        "Use system, user, assistant or tool (developer in reinforcement files).",
    ),
    "unknown-key": _e(
        "example",
        "A message holds a key the service does not accept.",
        "Remove the key, or move it where it belongs.",
    ),
    "unknown-top-level-key": _w(
        "example",
        "Examples hold a top-level key the format does not define (reported once per key).",
        "Remove the key unless your provider documents it.",
    ),
    "missing-content": _e(
        "example",
        "A message has no content (an assistant turn needs content or tool calls).",
        "Add the message's text.",
    ),
    "bad-content": _e(
        "example",
        "A message's content is neither text nor a list of valid parts.",
        "Use a string, or a list of text and image parts.",
    ),
    "empty-assistant-reply": _w(
        "example",
        "An assistant reply is empty, so the model learns to say nothing.",
        "Write the reply or drop the example.",
    ),
    "missing-assistant": _e(
        "example",
        "The example has no assistant message, so there is nothing to learn from.",
        "Add the answer the model should give.",
    ),
    "missing-user-message": _w(
        "example",
        "The example has no user message.",
        "Add the user's turn the assistant replies to.",
    ),
    "bad-weight": _e("example", "A `weight` is not 0 or 1.", "Use 0 (do not train) or 1."),
    "no-trained-turn": _w(
        "example",
        "Every assistant turn has weight 0, so the example trains nothing.",
        "Set weight 1 on the turn to learn, or drop the example.",
    ),
    "bad-tool-call": _e(
        "example",
        "A tool call lacks its id, its `type: function` or its function name and arguments.",
        "Write tool calls as the API returns them.",
    ),
    "tool-arguments-not-json": _w(
        "example",
        "A tool call's arguments are not valid JSON.",
        "Write the arguments as a JSON object in a string.",
    ),
    "missing-tool-call-id": _e(
        "example",
        "A tool message has no `tool_call_id`.",
        "Give the id of the tool call it answers.",
    ),
    "unmatched-tool-call-id": _w(
        "example",
        "A tool message answers a tool call id that no earlier call used.",
        "Check that the ids match.",
    ),
    "bad-tools": _e(
        "example",
        "The `tools` or `functions` definitions are malformed.",
        "Give a list of function definitions, each with a name.",
    ),
    "image-in-assistant": _e(
        "example",
        "An assistant message holds an image.",
        "Move images to user messages.",
    ),
    "image-outside-user-message": _e(
        "example",
        "A system, tool or developer message holds an image; only user messages may.",
        "Move the image to a user message.",
    ),
    "too-many-images": _e(
        "example",
        "The example holds more images than the provider accepts.",
        "Split the example or drop images.",
    ),
    "image-too-large": _e(
        "example",
        "An embedded image is larger than the provider accepts.",
        "Resize or recompress the image.",
    ),
    "bad-image": _e(
        "example",
        "An image part is malformed or not JPEG, PNG or WEBP.",
        "Use an https URL or a data URI of a supported image type.",
    ),
    "bad-preference-input": _e(
        "example",
        "A preference example's `input` is not an object with messages.",
        "Put the prompt in `input.messages`.",
    ),
    "bad-preference-output": _e(
        "example",
        "A preferred or non-preferred output is not one assistant message in a list.",
        "Give each output as a list holding one assistant message.",
    ),
    "identical-preference-outputs": _w(
        "example",
        "The preferred and non-preferred outputs are the same.",
        "Give two different answers, or drop the example.",
    ),
    "reinforcement-last-turn": _e(
        "example",
        "A reinforcement example does not end with the user's turn.",
        "End with the user's turn; the model writes the answer.",
    ),
    "system-message-in-reinforcement": _e(
        "example",
        "A reinforcement example holds a system message.",
        "Move the instructions into the user turn or a developer message.",
    ),
    "over-token-limit": _w(
        "example",
        "The example is longer than the model's training context and will be cut.",
        "Shorten the example, or choose a model with a longer context.",
    ),
    # across examples and files
    "duplicate-example": _w(
        "dataset",
        "The same example appears more than once.",
        "Remove the copies; they weigh the example more than the others.",
    ),
    "near-duplicate-example": _w(
        "dataset",
        "Another example has the same prompt (system and user turns) once case, spacing "
        "and Unicode forms are ignored.",
        "Keep one, or make sure the answers differ on purpose.",
    ),
    "train-validation-overlap": _w(
        "dataset",
        "A validation example has the same prompt as a training example.",
        "Remove it from one of the files, or re-split with the `split` command.",
    ),
    "missing-system-message": _w(
        "dataset",
        "Most examples have a system message, but this one does not.",
        "Use the same system message in every example.",
    ),
    "inconsistent-system-message": _w(
        "dataset",
        "The system message differs from the one most examples use, or few examples have one.",
        "Use one system message throughout, the one you will use in production.",
    ),
    "length-outlier": _w(
        "dataset",
        "The example is far longer than most others.",
        "Check it is not a mistake, such as a pasted document.",
    ),
    # a bug in the checker itself, reported rather than raised
    "checker-error": _e(
        "line",
        "The checker itself failed on this line.",
        "Please report it with the line; the rest of the file was checked.",
    ),
}

CODES: dict[str, Severity] = {code: entry.severity for code, entry in CATALOGUE.items()}


def severity(code: str) -> Severity:
    return CATALOGUE[code].severity
