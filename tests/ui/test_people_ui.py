"""People: renaming in place updates the view and the DB (and survives a restart); merging;
a person's page; unknown faces; the viewer's face boxes."""

from __future__ import annotations

import pytest

from pictopy_desktop.storage.tables import Face, Image, Person
from pictopy_desktop.ui import routes
from pictopy_desktop.ui.people import PersonRole
from pictopy_desktop.ui.qt import QLineEdit, Qt
from tests.ui.conftest import make_window, screenshot, settle


def _people_page(qtbot, window):
    window.navigate(routes.PeopleRoute())
    model = window.page("people").model
    qtbot.waitUntil(lambda: model.is_loaded and model.rowCount() == 4, timeout=5000)
    return window.page("people"), model


@pytest.mark.slow
def test_people_grid_shows_names_counts_and_add_a_name(qtbot, window):
    page, model = _people_page(qtbot, window)
    rows = [model.index(r).data(PersonRole) for r in range(model.rowCount())]
    assert [r.display_name for r in rows] == [
        "John Lennon",
        "Steve Carell",
        "Add a name",
        "Add a name",
    ]
    assert rows[0].photo_count == 2
    assert page.unknown_button.text() == "Unknown faces (2)"
    settle(qtbot, 300)
    screenshot(window, "people")


@pytest.mark.slow
def test_rename_in_place_updates_view_db_and_survives_restart(qtbot, window, library):
    page, model = _people_page(qtbot, window)
    row = next(r for r in range(model.rowCount()) if not model.index(r).data(PersonRole).has_name)
    person_id = model.index(row).data(PersonRole).id
    index = model.index(row)
    page.view.setCurrentIndex(index)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)  # rename in place
    editor = page.view.findChild(QLineEdit, "nameEditor")
    assert editor is not None and editor.isVisible()
    editor.setText("Eric Clapton")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(
            model.index(r).data(PersonRole).name == "Eric Clapton" for r in range(model.rowCount())
        ),
        timeout=5000,
    )
    assert Person.get_by_id(person_id).name == "Eric Clapton"
    assert Person.get_by_id(person_id).user_named
    # Everywhere at once: the viewer menus and search know the new name.
    assert window.ctx.person_name(person_id) == "Eric Clapton"
    window.search.setText("Clapton")
    window._run_search()
    qtbot.waitUntil(
        lambda: (
            window.page("results").model.is_loaded
            and window.page("results").model.photo_count() == 2
        ),
        timeout=5000,
    )
    # A restart (a new window on a new Library of the same data dir) shows the name.
    window.close()
    from pictopy_desktop.library.service import Library

    lib2 = Library(library.data_dir)
    try:
        w2 = make_window(qtbot, lib2)
        w2.navigate(routes.PeopleRoute())
        m2 = w2.page("people").model
        qtbot.waitUntil(lambda: m2.rowCount() == 4, timeout=5000)
        assert "Eric Clapton" in {m2.index(r).data(PersonRole).name for r in range(m2.rowCount())}
        w2.close()
    finally:
        lib2.close()


def test_merge_selected_people(qtbot, window, messages_log):
    page, model = _people_page(qtbot, window)
    unnamed = [r for r in range(model.rowCount()) if not model.index(r).data(PersonRole).has_name]
    lennon = next(
        r for r in range(model.rowCount()) if model.index(r).data(PersonRole).name == "John Lennon"
    )
    sel = page.view.selectionModel()
    from pictopy_desktop.ui.qt import QItemSelectionModel

    for r in (lennon, unnamed[0]):
        sel.select(model.index(r), QItemSelectionModel.SelectionFlag.Select)
    assert page.merge_button.isEnabled() and page.merge_button.text() == "Merge 2 people"
    other_id = model.index(unnamed[0]).data(PersonRole).id
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    from pictopy_desktop.ui.merge_dialog import MergeDialog

    dialog = page.findChild(MergeDialog)  # "Same person?" first, with both covers and counts
    assert (
        dialog is not None
        and dialog.question.text() == "Merge 2 photos of an unnamed person into John Lennon?"
    )
    dialog.accept()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    merged = next(
        model.index(r).data(PersonRole)
        for r in range(3)
        if model.index(r).data(PersonRole).name == "John Lennon"
    )
    assert merged.photo_count >= 3
    assert Person.get_or_none(Person.id == other_id) is None
    assert any(
        "Merged 2 photos of an unnamed person into John Lennon" in m.text
        for m in messages_log.messages
    )
    # Undo (Ctrl+Z) brings the other person back.
    from pictopy_desktop.ui import people_actions

    people_actions.undo(window.ctx)
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=5000)


@pytest.mark.slow
def test_person_page_move_and_remove_face(qtbot, window):
    from pictopy_desktop.ui import people_actions

    lennon = Person.get(Person.name == "John Lennon")
    window.navigate(routes.PersonRoute(lennon.id))
    page = window.page("person")
    qtbot.waitUntil(
        lambda: page.faces.rowCount() == 2 and page.gallery.model.photo_count() == 2, timeout=5000
    )
    assert page.name_edit.text() == "John Lennon"
    settle(qtbot, 300)
    screenshot(window, "person")
    carell = Person.get(Person.name == "Steve Carell")
    face_id = page.faces.rows[0].id
    people_actions.move_face(window.ctx, face_id, carell.id)
    qtbot.waitUntil(lambda: page.faces.rowCount() == 1, timeout=5000)
    assert Face.get_by_id(face_id).person_id == carell.id
    people_actions.remove_face(window.ctx, page.faces.rows[0].id)
    qtbot.waitUntil(lambda: page.faces.rowCount() == 0, timeout=5000)


@pytest.mark.slow
def test_unknown_faces_can_be_named(qtbot, window):
    window.navigate(routes.UnknownFacesRoute())
    page = window.page("unknown")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    settle(qtbot, 300)
    screenshot(window, "unknown_faces")
    from pictopy_desktop.ui import people_actions

    people_actions.name_face(window.ctx, page.model.rows[0].id, "Eva")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert Person.get(Person.name == "Eva")


def test_viewer_shows_face_boxes_and_names(qtbot, window):
    model = window.page("photos").model
    qtbot.waitUntil(lambda: model.is_loaded, timeout=5000)
    target = Image.get(Image.path.endswith("longoria-cooper.jpg")).id
    row = model.index_of_image(target).row()
    window.open_viewer(model, row)
    viewer = window.page("viewer")
    qtbot.waitUntil(
        lambda: viewer.canvas.pixmap is not None and len(viewer.canvas.faces) == 2, timeout=5000
    )
    assert viewer.info.fields["File"].text() == "longoria-cooper.jpg"
    assert "person" in viewer.info.fields["Things"].text()
    # Name one face from the viewer: the box label updates.
    from pictopy_desktop.ui import people_actions

    people_actions.name_face(window.ctx, viewer.canvas.faces[0].id, "Eva Longoria")
    qtbot.waitUntil(lambda: "Eva Longoria" in viewer.canvas.names.values(), timeout=5000)
    # Face hit-testing maps image pixels to the widget.
    face = viewer.canvas.faces[0]
    assert viewer.canvas.face_at(viewer.canvas.face_rect(face).center()) == face
    settle(qtbot, 100)
    screenshot(window, "viewer")
    viewer.step(1)
    assert viewer.image_id != target
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.page("photos")


def test_hidden_people_can_be_shown_again_and_faces_regrouped(window, qtbot, messages_log) -> None:
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.storage.tables import Person
    from pictopy_desktop.ui import people_actions

    carell = Person.get(Person.name == "Steve Carell")
    ps.set_hidden(carell.id, True)
    window.navigate(routes.PeopleRoute())
    page = window.page("people")
    page.refresh()
    qtbot.waitUntil(
        lambda: page.model.is_loaded and all(r.id != carell.id for r in page.model.rows),
        timeout=5000,
    )
    page.show_hidden_action.setChecked(True)
    qtbot.waitUntil(
        lambda: any(r.id == carell.id and r.hidden for r in page.model.rows), timeout=5000
    )
    people_actions.set_hidden(window.ctx, carell.id, False)
    qtbot.waitUntil(lambda: not Person.get_by_id(carell.id).hidden, timeout=5000)

    people_actions.regroup_faces(window.ctx)
    qtbot.waitUntil(
        lambda: any("regrouped" in m.text for m in messages_log.messages), timeout=20000
    )
    assert (
        Person.get(Person.name == "John Lennon").faces.count() == 2
    )  # names kept through the regroup
