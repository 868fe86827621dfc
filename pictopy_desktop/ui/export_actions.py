"""Export from the app: copy an album's or a person's photos out; export/import names and albums."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pictopy_desktop.library import transfer
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.export_file import parse_export, read_export_file, write_export_file
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QFileDialog, QWidget
from pictopy_desktop.ui.translations import n_, translate

# An import names people, moves faces, fills albums and sets hearts.
IMPORT_CHANGES = OpChanges(people=True, photos=True, albums=True, favourites=True)


def export_photos_dialog(
    ctx: AppContext, parent: QWidget, image_ids: Callable[[], list[int]], what: str
) -> None:
    """Ask for a folder, then copy the photos there in the background."""
    dest = QFileDialog.getExistingDirectory(
        parent, translate("pictopy", "Copy {what} to a folder").format(what=what)
    )
    if not dest:
        return

    def op() -> transfer.ExportReport:
        return transfer.copy_photos(image_ids(), Path(dest))

    def done(report: transfer.ExportReport) -> None:
        # RAW files kept beside JPEGs travel with them: the copy is the whole photo.
        n_raw = len(report.raw_copied)
        raws = n_(" (with %Ln RAW file(s))", n_raw) if n_raw else ""
        if report.failed:
            messages.warning(
                n_(
                    "Copied %Ln photo(s) of {what}{raws} to {dest}; {failed} could not be copied.",
                    len(report.copied),
                ).format(what=what, raws=raws, dest=dest, failed=len(report.failed)),
                "\n".join(f"{p}: {r}" for p, r in report.failed),
            )
        else:
            messages.info(
                n_("Copied %Ln photo(s) of {what}{raws} to {dest}.", len(report.copied)).format(
                    what=what, raws=raws, dest=dest
                )
            )
        if report.not_turned:
            messages.info(
                n_(
                    "%Ln rotated photo(s) were copied unturned: their format cannot be turned without losing quality.",
                    len(report.not_turned),
                ),
                "\n".join(report.not_turned),
            )

    ctx.read(op, done, context=parent)


def export_album_photos(ctx: AppContext, parent: QWidget, album_id: int, name: str) -> None:
    export_photos_dialog(
        ctx,
        parent,
        lambda: transfer.album_image_ids(album_id),
        translate("pictopy", "the album {name}").format(name=name),
    )


def export_person_photos(ctx: AppContext, parent: QWidget, person_id: int, name: str) -> None:
    export_photos_dialog(ctx, parent, lambda: transfer.person_image_ids(person_id), name)


def _documents() -> Path:
    """Where the names dialogs open: the user's documents, never the working folder, which
    may be the data dir (Qt's own dialog reads files there, the library's -shm among them)."""
    from pictopy_desktop.ui.qt import QStandardPaths

    where = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(where or Path.home())


def export_library_dialog(ctx: AppContext, parent: QWidget) -> None:
    """Names, face assignments, albums and favourites as JSON, for a new machine."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        translate("pictopy", "Export names and albums"),
        str(_documents() / "pictopy-names.json"),
        "JSON (*.json)",
    )
    if not path:
        return

    def op() -> dict:
        data = transfer.export_metadata()
        write_export_file(Path(path), data, replace=True)  # the save dialog asked
        return data

    ctx.read(
        op,
        lambda d: messages.info(
            n_("Exported %Ln person(s) and {albums} to {path}.", len(d["people"])).format(
                albums=n_("%Ln album(s)", len(d["albums"])), path=path
            )
        ),
        context=parent,
    )


def import_library_dialog(ctx: AppContext, parent: QWidget) -> None:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("pictopy", "Import names and albums"), str(_documents()), "JSON (*.json)"
    )
    if not path:
        return

    def op() -> transfer.ImportReport:
        export = parse_export(read_export_file(Path(path)), path)
        return transfer.import_metadata(ctx.library.db, export, Path(path).name)

    def done(r: transfer.ImportReport) -> None:
        text = translate("pictopy", "Imported {people} ({faces}) and {albums}").format(
            people=n_("%Ln person(s)", r.people),
            faces=n_("%Ln face(s)", r.faces_assigned),
            albums=n_("%Ln album(s)", r.albums),
        ) + (
            n_("; %Ln item(s) wait for photos not in this library yet.", r.not_found)
            if r.not_found
            else "."
        )
        if r.conflicts:
            messages.warning(
                text
                + " "
                + n_(
                    "%Ln face(s) were left as they are here (Ctrl+Z takes the import back).",
                    len(r.conflicts),
                ),
                "\n".join(
                    translate("pictopy", "Face {id}: {here} here; the file says {file}").format(
                        id=c["face_id"], here=c["library"], file=c["file"]
                    )
                    for c in r.conflicts
                ),
            )
        else:
            messages.info(text)

    ctx.write(
        op,
        done,
        changes=IMPORT_CHANGES,
        what=translate("pictopy", "Import"),
        context=parent,
    )
