"""The right-click menu of any photo grid: open, full screen, info, rotate, favourite, albums,
show in folder, open with, copy, delete; the same actions as the viewer's (``photo_actions``)."""

from __future__ import annotations

from collections.abc import Sequence

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui import links, photo_actions
from pictopy_desktop.ui.album_actions import add_to_album, new_album_dialog, remove_from_album
from pictopy_desktop.ui.favourites import set_favourites
from pictopy_desktop.ui.gallery import GalleryPage
from pictopy_desktop.ui.qt import QMenu, QWidget
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.translations import n_, translate, trash_name
from pictopy_desktop.ui.views import FULL_SCREEN, INFO, OPEN, Shell


def gallery_menu(
    shell: Shell, parent: QWidget, page: GalleryPage, pos, albums: Sequence[bq.AlbumRow]
) -> QMenu | None:
    """The menu for the selection (or the photo under ``pos``, global); None over empty space."""
    ctx = shell.ctx
    ids = page.view.selected_image_ids()
    index = page.view.indexAt(page.view.viewport().mapFromGlobal(pos))
    under = page.model.image_id(index.row()) if index.isValid() else None
    if under is not None and under not in ids:
        # Right-clicking a photo outside the selection acts on that photo, as file managers do.
        page.view.setCurrentIndex(index)
        ids = [under]
        rows = [page.model.gallery_row(index.row())]
    else:
        rows = page.selected_rows()
    if not ids:
        return None
    n = len(ids)
    photos = n_("%Ln photo(s)", n)
    one = rows[0] if n == 1 and rows else None
    menu = QMenu(parent)
    if under is not None:
        row = index.row()
        menu.addAction(
            translate("pictopy", "Open"), lambda: shell.open_photo(page.model, row, OPEN)
        )
        menu.addAction(
            translate("pictopy", "Full screen"),
            lambda: shell.open_photo(page.model, row, FULL_SCREEN),
        )
        menu.addAction(
            translate("pictopy", "Info"), lambda: shell.open_photo(page.model, row, INFO)
        )
        menu.addSeparator()
    menu.addAction(
        translate("pictopy", "Rotate left  ([)"), lambda: photo_actions.rotate_photos(ctx, ids, -1)
    )
    menu.addAction(
        translate("pictopy", "Rotate right  (])"), lambda: photo_actions.rotate_photos(ctx, ids, 1)
    )
    if rows and all(r is not None and r.favourite for r in rows):
        menu.addAction(
            translate("pictopy", "Remove from favourites"), lambda: set_favourites(ctx, ids, False)
        )
    else:
        menu.addAction(
            icon("favourites"),
            translate("pictopy", "Add to favourites  (.)"),
            lambda: set_favourites(ctx, ids, True),
        )
    add = menu.addMenu(translate("pictopy", "Add {photos} to album").format(photos=photos))
    for album in albums:
        add.addAction(album.name, lambda a=album: add_to_album(ctx, a.id, ids, a.name))
    if albums:
        add.addSeparator()
    add.addAction(translate("pictopy", "New album…"), lambda: new_album_dialog(ctx, parent, ids))
    f = page.model.filter
    if f.kind == bq.ALBUM:
        menu.addAction(
            translate("pictopy", "Remove from “{album}”").format(album=f.title),
            lambda: remove_from_album(ctx, f.value, ids),
        )
    menu.addSeparator()
    if one is not None and not one.offline:
        menu.addAction(
            translate("pictopy", "Show in folder"), lambda: links.show_in_folder(one.path)
        )
        menu.addAction(
            translate("pictopy", "Open with the default app"),
            lambda: links.open_with_default_app(one.path),
        )
        menu.addAction(
            translate("pictopy", "Copy image  (Ctrl+C)"),
            lambda: photo_actions.copy_image(ctx, one.path, one.rotation),
        )
        menu.addSeparator()
    menu.addAction(
        translate("pictopy", "Move {photos} to the {trash}  (Delete)").format(
            photos=photos, trash=trash_name()
        ),
        lambda: photo_actions.delete_photos(ctx, ids),
    )
    menu.addSeparator()
    menu.addAction(translate("pictopy", "Select all"), page.view.selectAll)
    return menu
