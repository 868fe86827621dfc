"""The core's error types: each carries a message a user can act on."""


class PictoPyError(Exception):
    """Base of errors the core reports to the user."""


class DatabaseTooNewError(PictoPyError):
    """The library was written by a newer PictoPy; opening it could damage it."""


class DatabaseError(PictoPyError):
    """The library database could not be opened or written."""


class CorruptLibraryError(DatabaseError):
    """The library file is damaged or is not a library; `pictopy repair` is the way out."""


class LibraryBusyError(PictoPyError):
    """Another PictoPy process holds this library's write lock."""


class ImageReadError(PictoPyError):
    """A file could not be read as an image; the message is the reason shown to the user."""


class DataDirError(PictoPyError):
    """The data dir, or a file PictoPy keeps in it, cannot be used (a file where a folder belongs, no access)."""
