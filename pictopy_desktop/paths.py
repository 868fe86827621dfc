"""Where PictoPy keeps its data, thumbnails, settings and models.

The data dir comes from platformdirs (the same place QStandardPaths' AppDataLocation
points at), overridable by ``PICTOPY_DATA_DIR`` or ``pictopy --data-dir DIR``.
The models dir is ``PICTOPY_MODELS_DIR``, else the ``models_dir`` setting, else
``<data dir>/models``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from pictopy_desktop.errors import DataDirError

APP_NAME = "PictoPy"

_data_dir_override: Path | None = None


def set_data_dir_override(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` as the data dir for this process (the CLI's ``--data-dir``)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    """The library's data dir (database, thumbnails, settings); created on demand."""
    if _data_dir_override is not None:
        path = _data_dir_override
    elif os.environ.get("PICTOPY_DATA_DIR"):
        path = Path(os.environ["PICTOPY_DATA_DIR"]).expanduser().resolve()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
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
    return data_dir() / "thumbnails"


def settings_path() -> Path:
    return data_dir() / "settings.json"


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
