"""Where PictoPy keeps its library, models, thumbnails, settings and logs.

Each kind goes where the platform expects it (platformdirs): the library database, its
backups and the models in the user data folder, thumbnails in the cache folder (anything
there is rebuilt when cleared), settings in the config folder, logs in the log folder.

``PICTOPY_DATA_DIR`` or ``pictopy --data-dir DIR`` keeps everything in that one folder
(thumbnails, settings and logs inside it), as it always has. The models dir is
``PICTOPY_MODELS_DIR``, else the ``models_dir`` setting, else ``<data dir>/models``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

from pictopy_desktop.errors import DataDirError

APP_NAME = "PictoPy"

_data_dir_override: Path | None = None


def set_data_dir_override(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` as the data dir for this process (the CLI's ``--data-dir``)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


class Folders(NamedTuple):
    """Where each kind of file lives (none is created by building this).

    A NamedTuple rather than a dataclass: `pictopy --version` should not wait for
    dataclasses' imports.
    """

    data: Path  # library database, its lock and backups, models, export leftovers
    cache: Path  # thumbnails: rebuilt when cleared
    config: Path  # settings.json, the window's ui.ini
    logs: Path  # pictopy.log, crash traces

    @classmethod
    def all_in(cls, data: Path) -> Folders:
        """One folder holding everything: the ``--data-dir`` layout (and the one before 0.2)."""
        return cls(data=data, cache=data, config=data, logs=data / "logs")

    @classmethod
    def platform(cls) -> Folders:
        """The folders this platform expects an application's files in."""
        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @property
    def database(self) -> Path:
        return self.data / "library.sqlite3"

    @property
    def thumbnails(self) -> Path:
        return self.cache / "thumbnails"

    @property
    def settings(self) -> Path:
        return self.config / "settings.json"


def _chosen_data_dir() -> Path | None:
    """The data dir given by ``--data-dir`` or ``PICTOPY_DATA_DIR``, if any."""
    if _data_dir_override is not None:
        return _data_dir_override
    if os.environ.get("PICTOPY_DATA_DIR"):
        return Path(os.environ["PICTOPY_DATA_DIR"]).expanduser().resolve()
    return None


def folders() -> Folders:
    """This process's folders: all in the chosen data dir, else the platform's (none created)."""
    chosen = _chosen_data_dir()
    return Folders.all_in(chosen) if chosen is not None else Folders.platform()


def data_dir() -> Path:
    """The library's data dir (database, backups, models); created on demand."""
    path = folders().data
    ensure_folder(path, "data dir")
    return path


def ensure_folder(path: Path, what: str) -> None:
    """Create ``path`` if needed; raise ``DataDirError`` with what to do when it cannot be a folder."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise DataDirError(
            f"The {what} {path} is a file, or lies inside one, where PictoPy needs a folder: "
            "move that file away, or choose another data dir with --data-dir DIR (or PICTOPY_DATA_DIR)."
        ) from exc
    except OSError as exc:
        raise DataDirError(
            f"Cannot create the {what} {path} ({exc.strerror or exc}): "
            "choose another data dir with --data-dir DIR (or PICTOPY_DATA_DIR)."
        ) from exc


def database_path() -> Path:
    return data_dir() / "library.sqlite3"


def thumbnails_dir() -> Path:
    """The thumbnail cache (created on demand with its parents)."""
    path = folders().thumbnails
    ensure_folder(path.parent, "cache folder")
    return path


def settings_path() -> Path:
    """The settings file; its folder is created on demand."""
    path = folders().settings
    ensure_folder(path.parent, "config folder")
    return path


def log_dir() -> Path:
    """The log folder (created on demand)."""
    path = folders().logs
    ensure_folder(path, "log folder")
    return path


def default_models_dir() -> Path:
    return data_dir() / "models"


def models_dir() -> Path:
    """Where model files are looked for: env var, then the setting, then the data dir."""
    env = os.environ.get("PICTOPY_MODELS_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from pictopy_desktop.settings import load_settings  # settings live in the data dir

    configured = load_settings().models_dir
    return Path(configured).expanduser() if configured else default_models_dir()


def resources_dir() -> Path:
    """Icons, styles and the model manifest shipped inside the package."""
    return Path(__file__).resolve().parent / "resources"


# The Cache Directory Tagging convention (bford.info/cachedir): backup tools skip a folder
# holding this file, and PictoPy's folder scanner never takes such a folder for photos,
# whoever's cache it is (another library's thumbnails nested in a photo folder).
CACHEDIR_TAG = "CACHEDIR.TAG"
CACHEDIR_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"


def tag_as_cache(folder: Path) -> None:
    """Create ``folder`` and mark it a cache (``CACHEDIR.TAG``); a folder that can't be written
    stays as it is (the thumbnails' own checks report it)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tag = folder / CACHEDIR_TAG
        if not tag.exists():
            tag.write_bytes(
                CACHEDIR_SIGNATURE + b"\n# PictoPy's thumbnails: made again when deleted.\n"
            )
    except OSError:
        pass


def is_tagged_cache(folder: str) -> bool:
    """Whether ``folder`` holds a ``CACHEDIR.TAG`` with the convention's signature."""
    tag = os.path.join(folder, CACHEDIR_TAG)
    if not os.path.isfile(tag):
        return False
    try:
        with open(tag, "rb") as fh:
            return fh.read(len(CACHEDIR_SIGNATURE)) == CACHEDIR_SIGNATURE
    except OSError:
        return False


def is_pictopy_folder(path: str) -> bool:
    """Whether the folder ``path`` is PictoPy's, of this library or another one nested in a
    photo folder: thumbnails (tagged ``CACHEDIR.TAG``, any layout), or the thumbnails or
    backups beside a ``library.sqlite3``."""
    if is_tagged_cache(path):
        return True
    # Beside a library file: a library made before thumbnails were tagged, nested in photos.
    return os.path.basename(path) in ("thumbnails", "backups") and os.path.exists(
        os.path.join(os.path.dirname(path), "library.sqlite3")
    )
