"""The one exception type editors see: it names the file, the entry and the field."""

from __future__ import annotations


class ContentError(Exception):
    """A mistake in content/ that must stop the build.

    Pelican turns an exception raised in a signal handler into a critical log
    line and exit status 1, so raising this is how the plugin fails the build.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(["content has errors:", *("  - " + p for p in problems)]))


def problem(path: str, entry: str | None, field: str | None, message: str) -> str:
    """Format one problem as `file: entry, field 'x': message`."""
    where = path
    if entry:
        where += f": {entry}"
    if field:
        where += f", field '{field}'"
    return f"{where}: {message}"
