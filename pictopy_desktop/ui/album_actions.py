"""Album and folder actions shared by the pages, the sidebar and the gallery menu.

Each runs on the writer thread and broadcasts what it changed (``OpChanges``).
"""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.library import albums as album_ops
from pictopy_desktop.library.changes import OpChanges, OpResult
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QInputDialog, QMessageBox, QWidget
from pictopy_desktop.ui.translations import n_, translate

ALBUM_CHANGES = OpChanges(albums=True)
# Removing a folder forgets its photos and with them their faces, tags, albums and hearts.
FOLDER_REMOVAL_CHANGES = OpChanges(
    photos=True, people=True, tags=True, albums=True, favourites=True, folders=True
)


def new_album_dialog(ctx: AppContext, parent: QWidget, image_ids: list[int] | None = None) -> None:
    name, ok = QInputDialog.getText(
        parent, translate("pictopy", "New album"), translate("pictopy", "Album name:")
    )
    if ok and name.strip():
        ids = list(image_ids or [])

        def done(result: OpResult[int]) -> None:
            messages.info(
                (
                    n_("Album “{name}” created with %Ln photo(s).", len(ids))
                    if ids
                    else translate("pictopy", "Album “{name}” created.")
                ).format(name=name.strip())
            )

        ctx.write(
            lambda: album_ops.create_album(name, ids),
            done,
            ALBUM_CHANGES,
            translate("pictopy", "Creating the album failed"),
        )


def rename_album_dialog(ctx: AppContext, parent: QWidget, album_id: int, current: str) -> None:
    name, ok = QInputDialog.getText(
        parent,
        translate("pictopy", "Rename album"),
        translate("pictopy", "Album name:"),
        text=current,
    )
    if ok and name.strip() and name.strip() != current:
        ctx.write(
            lambda: album_ops.rename_album(album_id, name),
            None,
            ALBUM_CHANGES,
            translate("pictopy", "Renaming the album failed"),
        )


def delete_album_dialog(ctx: AppContext, parent: QWidget, album_id: int, name: str) -> None:
    answer = QMessageBox.question(
        parent,
        translate("pictopy", "Delete album"),
        translate("pictopy", "Delete the album “{name}”?\nIts photos stay in your library.").format(
            name=name
        ),
    )
    if answer == QMessageBox.StandardButton.Yes:
        ctx.write(
            lambda: album_ops.delete_album(album_id),
            None,
            ALBUM_CHANGES,
            translate("pictopy", "Deleting the album failed"),
        )


def add_to_album(
    ctx: AppContext, album_id: int, image_ids: list[int], album_name: str = ""
) -> None:
    def done(result: OpResult[int]) -> None:
        added = result.value
        messages.info(
            n_("Added %Ln photo(s) to “{album}”.", added).format(album=album_name)
            if added
            else translate("pictopy", "Already in “{album}”.").format(album=album_name)
        )

    ctx.write(
        lambda: album_ops.add_to_album(album_id, image_ids),
        done,
        ALBUM_CHANGES,
        translate("pictopy", "Adding to the album failed"),
    )


def remove_from_album(ctx: AppContext, album_id: int, image_ids: list[int]) -> None:
    ctx.write(
        lambda: album_ops.remove_from_album(album_id, image_ids),
        None,
        ALBUM_CHANGES,
        translate("pictopy", "Removing from the album failed"),
    )


def remove_folder_dialog(ctx: AppContext, parent: QWidget, folder_id: int, path: str) -> None:
    answer = QMessageBox.question(
        parent,
        translate("pictopy", "Remove folder"),
        translate(
            "pictopy",
            "Remove {path} from the library?\nThe files on disk are not touched. The names, albums and favourites "
            "of its photos are saved to a file first (Settings → Import… puts them back).",
        ).format(path=path),
    )
    if answer == QMessageBox.StandardButton.Yes:
        from pictopy_desktop.library.folder_ops import remove_folder

        library = ctx.library

        def done(result: OpResult[tuple[int, Path | None]]) -> None:
            n, saved = result.value
            messages.info(
                n_(
                    "Removed {path} (%Ln photo(s)). Their names and albums were saved to {saved}.",
                    n,
                ).format(path=path, saved=saved)
            )

        ctx.write(
            lambda: remove_folder(folder_id, library.thumbnails_dir, library.data_dir),
            done,
            FOLDER_REMOVAL_CHANGES,
            translate("pictopy", "Removing the folder failed"),
        )
