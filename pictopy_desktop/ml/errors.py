"""Errors of the ML layer; every message is meant to be shown to the user as is.

They belong to the core's one hierarchy (``PictoPyError``), so the CLI and the app turn
them into one sentence through the same path as every other expected error.
"""

from __future__ import annotations

from pictopy_desktop.errors import PictoPyError


class ModelError(PictoPyError):
    """A model can't be used (missing, corrupt, or not the kind of model expected)."""


class ModelMissingError(ModelError):
    """The model file isn't there."""


class ModelMismatchError(ModelError):
    """The file loads but its inputs/outputs don't fit the role it was given."""
