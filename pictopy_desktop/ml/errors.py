"""Errors of the ML layer; every message is meant to be shown to the user as is."""

from __future__ import annotations


class ModelError(Exception):
    """A model can't be used (missing, corrupt, or not the kind of model expected)."""


class ModelMissingError(ModelError):
    """The model file isn't there."""


class ModelMismatchError(ModelError):
    """The file loads but its inputs/outputs don't fit the role it was given."""
