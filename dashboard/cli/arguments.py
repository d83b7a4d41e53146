"""What the command line tells a user about their input: one error type, printed
as one `error:` line with exit code 2, and the checks shared by the commands."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


def whole_number(option: str, written: str | None, default: int, minimum: int, maximum: int | None = None) -> int:
    """The whole number given for ``option`` (``default`` when not given), from
    ``minimum`` to ``maximum`` (when given)."""
    if written is None:
        return default
    try:
        value = int(written)
    except ValueError:
        raise UserError(f"{option} takes a whole number, got '{written}'") from None
    if value < minimum:
        raise UserError(f"{option} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise UserError(f"{option} must be at most {maximum}, got {value}")
    return value
