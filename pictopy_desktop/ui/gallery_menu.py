"""The right-click menu of any photo grid: open, add to an album, heart, remove from the album."""

from __future__ import annotations

from collections.abc import Sequence

from pictopy_desktop.library import browse_queries as bq
from pictopy_desktop.ui.album_actions import add_to_album, new_album_dialog, remove_from_album
from pictopy_desktop.ui.favourites import set_favourites
from pictopy_desktop.ui.gallery import GalleryPage
from pictopy_desktop.ui.qt import QMenu, QWidget
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.views import Shell


def gallery_menu(
    shell: Shell, parent: QWidget, page: GalleryPage, pos, albums: Sequence[bq.AlbumRow]
) -> QMenu | None:
    """The menu for the selection (or the photo under ``pos``, global); None over empty space."""
    ctx = shell.ctx
    ids = page.view.selected_image_ids()
    index = page.view.indexAt(page.view.viewport().mapFromGlobal(pos))
    if not ids and index.isValid():
        image_id = page.model.image_id(index.row())
        ids = [image_id] if image_id is not None else []
    if not ids:
        return None
    menu = QMenu(parent)
    n = len(ids)
    if index.isValid() and page.model.image_id(index.row()) is not None:
        menu.addAction("Open", lambda: shell.open_viewer(page.model, index.row()))
    add = menu.addMenu(f"Add {n} photo{'s' if n > 1 else ''} to album")
    for album in albums:
        add.addAction(album.name, lambda a=album: add_to_album(ctx, a.id, ids, a.name))
    if albums:
        add.addSeparator()
    add.addAction("New album…", lambda: new_album_dialog(ctx, parent, ids))
    if page.view.selected_image_ids():
        rows = page.selected_rows()
    else:
        rows = [page.model.gallery_row(index.row())]
    if rows and all(r is not None and r.favourite for r in rows):
        menu.addAction("Remove from favourites", lambda: set_favourites(ctx, ids, False))
    else:
        menu.addAction(
            icon("favourites"), "Add to favourites  (.)", lambda: set_favourites(ctx, ids, True)
        )
    f = page.model.filter
    if f.kind == bq.ALBUM:
        menu.addAction(f"Remove from “{f.title}”", lambda: remove_from_album(ctx, f.value, ids))
    menu.addSeparator()
    menu.addAction("Select all", page.view.selectAll)
    return menu
