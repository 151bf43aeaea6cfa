"""One exception family; the CLI turns each into one line on stderr and an exit code."""

from __future__ import annotations

# Exit codes (sysexits.h, as httpie and friends use them).
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_NO_INPUT = 65  # EX_DATAERR: no usable article
EXIT_CANNOT_WRITE = 73  # EX_CANTCREAT
EXIT_DELIVERY = 75  # EX_TEMPFAIL: the mail relay refused or failed
EXIT_CONFIG = 78  # EX_CONFIG


class BriefError(Exception):
    """Base of every error a user can cause; ``str(e)`` is the one line shown."""

    exit_code: int = 1


class UsageError(BriefError):
    """A bad option value on the command line ("--format xls")."""

    exit_code = EXIT_USAGE


class InputError(BriefError):
    """No usable article (empty folder, only binary files, unreadable paths)."""

    exit_code = EXIT_NO_INPUT


class OutputError(BriefError):
    """An output file cannot be written."""

    exit_code = EXIT_CANNOT_WRITE


class ConfigError(BriefError):
    """A bad setting: unknown audience, missing model, bad config file, bad option value."""

    exit_code = EXIT_CONFIG


class TemplateError(ConfigError):
    """A template cannot be found, compiled or rendered (names the file and line)."""


class DeliveryError(BriefError):
    """The brief could not be sent."""

    exit_code = EXIT_DELIVERY
