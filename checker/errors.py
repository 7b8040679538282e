"""The one exception type for input a user can fix, and the CLI's exit codes."""

EXIT_OK = 0
EXIT_FINDING = 1  # the check ran and found a problem
EXIT_INPUT = 2  # unusable input or arguments
EXIT_BUG = 3  # an internal error: a bug in the checker
EXIT_INTERRUPTED = 130


class InputError(Exception):
    """Unusable input. The message says what is wrong and where (file, line, field)."""
