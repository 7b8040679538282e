"""Convert other dataset formats to chat JSON Lines: prompt/completion, question/answer, CSV/TSV,
a JSON array, ShareGPT ``conversations`` and Alpaca records. Standard library only, streaming.

``plan`` proposes or builds the mapping (always explicit, see ``Mapping.describe``);
``convert_chunks`` converts a byte stream; ``convert_file`` converts a file atomically and checks
the result with the dataset checker. Records that cannot be converted go to a rejects file.
"""

from checker.convert.mapping import RECORD_FORMATS, SOURCES, Mapping, parse_map
from checker.convert.run import ConvertResult, convert_chunks, convert_file, plan

__all__ = [
    "RECORD_FORMATS",
    "SOURCES",
    "ConvertResult",
    "Mapping",
    "convert_chunks",
    "convert_file",
    "parse_map",
    "plan",
]
