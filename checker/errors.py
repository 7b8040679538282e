"""The one exception type for input a user can fix: the CLI prints it as a single line, exit 2."""


class InputError(Exception):
    """Unusable input. The message says what is wrong and where (file, line, field)."""
