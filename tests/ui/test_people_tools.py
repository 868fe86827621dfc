"""People tools that fix things in seconds: choosers with faces and type-ahead, naming that
shows the face, "Add a name" in place, a grid that keeps still while you name, merges that
ask with both covers and real counts, and square tiles framed around faces."""

from __future__ import annotations

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.face_framing import face_aware_square
from pictopy_desktop.storage.tables import Face, Image, Person
from pictopy_desktop.ui import people_actions, routes
from pictopy_desktop.ui.face_tiles import square_source
from pictopy_desktop.ui.merge_dialog import MergeDialog
from pictopy_desktop.ui.people import PeopleDelegate
from pictopy_desktop.ui.person_chooser import NEW, EntryRole, PersonChooser
from pictopy_desktop.ui.qt import QLineEdit, QPixmap, QRect, Qt
from tests.ui.conftest import screenshot, settle


def _people_page(qtbot, window):
    window.navigate(routes.PeopleRoute())
    model = window.page("people").model
    qtbot.waitUntil(lambda: model.is_loaded and model.rowCount() == 4, timeout=5000)
    qtbot.waitUntil(lambda: len(window.ctx.people) == 4, timeout=5000)
    return window.page("people"), model


def _entries(chooser: PersonChooser) -> list:
    return [chooser.model.index(r).data(EntryRole) for r in range(chooser.model.rowCount())]


def _loaded_pixmap(pm) -> bool:
    return isinstance(pm, QPixmap) and not pm.isNull()


def test_move_to_chooser_shows_the_face_and_everyone_with_faces_and_finds_by_typing(qtbot, window):
    lennon = Person.get(Person.name == "John Lennon")
    carell = Person.get(Person.name == "Steve Carell")
    window.navigate(routes.PersonRoute(lennon.id))
    page = window.page("person")
    qtbot.waitUntil(
        lambda: page.faces.rowCount() == 2 and len(window.ctx.people) == 4, timeout=5000
    )
    face = page.faces.rows[0]
    chooser = people_actions.ask_face_person(window.ctx, page, [face], lennon.id, move=True)
    assert chooser.isVisible() and chooser.windowTitle() == "Move to"
    # Everyone but Lennon himself, named first; unnamed people are faces, never "#22".
    entries = _entries(chooser)
    people = [e for e in entries if e != NEW]
    assert [p.name for p in people][:1] == ["Steve Carell"] and lennon.id not in {
        p.id for p in people
    }
    assert len(people) == 3 and entries[-1] == NEW
    labels = [chooser.model.index(r).data() for r in range(chooser.model.rowCount())]
    assert labels.count("No name yet") == 2 and not any("#" in t for t in labels)
    qtbot.waitUntil(
        lambda: all(
            _loaded_pixmap(chooser.model.index(r).data(Qt.ItemDataRole.DecorationRole))
            for r in range(len(people))
        ),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: _loaded_pixmap(window.ctx.face(face)), timeout=5000)
    chooser._show_faces()
    assert _loaded_pixmap(chooser.face_labels[0].pixmap())  # the face being moved, on top
    settle(qtbot, 100)
    screenshot(chooser, "move_to_chooser")
    # Type-ahead: "car" finds Steve Carell by a word of his name; Enter picks him.
    qtbot.keyClicks(chooser.name_edit, "car")
    entries = _entries(chooser)
    assert [e.name for e in entries[:1]] == ["Steve Carell"] and entries[1:] == [NEW]
    settle(qtbot, 50)
    screenshot(chooser, "chooser_type_ahead")
    qtbot.keyClick(chooser.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: Face.get_by_id(face.id).person_id == carell.id, timeout=5000)
    assert not chooser.isVisible()
    qtbot.waitUntil(lambda: page.faces.rowCount() == 1, timeout=5000)


def test_naming_an_unknown_face_shows_it_and_a_new_name_makes_a_person(qtbot, window):
    window.navigate(routes.UnknownFacesRoute())
    page = window.page("unknown")
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 2 and len(window.ctx.people) == 4, timeout=5000
    )
    face = page.model.rows[0]
    page.view.setCurrentIndex(page.model.index(0))
    page.name_selected()
    chooser = page.findChild(PersonChooser)
    assert (
        chooser is not None and chooser.prompt.text() == "Who is this?" and chooser.faces == [face]
    )
    # Nothing is picked before the user types or clicks: Enter alone files the face nowhere.
    assert (
        chooser.current_choice() is None
        and not chooser.buttons.button(chooser.buttons.StandardButton.Ok).isEnabled()
    )
    qtbot.keyClick(chooser.name_edit, Qt.Key.Key_Return)
    assert chooser.isVisible() and Face.get_by_id(face.id).person_id is None
    qtbot.waitUntil(lambda: _loaded_pixmap(window.ctx.face(face)), timeout=5000)
    qtbot.waitUntil(
        lambda: all(
            _loaded_pixmap(window.ctx.face_by_id(p.cover_face_id)) for p in window.ctx.people
        ),
        timeout=5000,
    )
    chooser._show_faces()
    assert _loaded_pixmap(chooser.face_labels[0].pixmap())
    settle(qtbot, 50)
    screenshot(chooser, "name_face_dialog")
    chooser.choose("Eva Longoria")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    eva = Person.get(Person.name == "Eva Longoria")
    assert Face.get_by_id(face.id).person_id == eva.id and Face.get_by_id(face.id).confirmed


def test_several_faces_move_together_to_a_new_person(qtbot, window):
    lennon = Person.get(Person.name == "John Lennon")
    window.navigate(routes.PersonRoute(lennon.id))
    page = window.page("person")
    qtbot.waitUntil(
        lambda: page.faces.rowCount() == 2 and len(window.ctx.people) == 4, timeout=5000
    )
    page.faces_view.selectAll()
    faces = page.faces_view.selected_faces()
    chooser = people_actions.ask_face_person(window.ctx, page, faces, lennon.id, move=True)
    assert chooser.prompt.text() == "Move 2 faces to…" and len(chooser.face_labels) == 2
    chooser.list.setCurrentIndex(chooser.model.index(_entries(chooser).index(NEW)))
    chooser.accept()  # "New person": both faces become one new, unnamed person
    qtbot.waitUntil(
        lambda: Face.get_by_id(faces[0].id).person_id not in (None, lennon.id), timeout=5000
    )
    new_id = Face.get_by_id(faces[0].id).person_id
    assert Face.get_by_id(faces[1].id).person_id == new_id and Person.get_by_id(new_id).name is None


def test_typing_an_existing_name_picks_that_person_not_a_new_one(qtbot, window):
    window.navigate(routes.UnknownFacesRoute())
    page = window.page("unknown")
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 2 and len(window.ctx.people) == 4, timeout=5000
    )
    face = page.model.rows[0]
    chooser = people_actions.ask_face_person(window.ctx, page, [face], None)
    chooser.name_edit.setText("Steve")  # naming: a name nobody has yet comes before the matches
    assert _entries(chooser)[0] == NEW and chooser.current_choice().name == "Steve"
    chooser.name_edit.setText("  steve   CARELL ")
    assert NEW not in _entries(chooser)  # the exact name (any case, any spaces) is that person
    chooser.accept()
    carell = Person.get(Person.name == "Steve Carell")
    qtbot.waitUntil(lambda: Face.get_by_id(face.id).person_id == carell.id, timeout=5000)
    assert Person.select().where(Person.name ** "steve carell").count() == 1


def _open_editor(view) -> QLineEdit:
    """The name editor open in the grid (closed ones linger until Qt deletes them)."""
    editors = [e for e in view.findChildren(QLineEdit, "nameEditor") if e.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def _click_name(qtbot, view, row: int) -> None:
    rect = PeopleDelegate.name_rect(view.visualRect(view.model().index(row)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.slow
def test_add_a_name_edits_in_place_keeps_the_order_and_f2_names_the_same_person(qtbot, window):
    page, model = _people_page(qtbot, window)
    order = [r.id for r in model.rows]
    row = next(
        i for i, r in enumerate(model.rows) if not r.has_name and r.photo_count == 2
    )  # the Clapton photos
    person_id = model.rows[row].id
    _click_name(qtbot, page.view, row)  # one click on "Add a name" starts typing there
    editor = _open_editor(page.view)
    assert editor.completer() is not None
    qtbot.keyClicks(editor, "Eric Clapton")
    model.dataChanged.emit(
        model.index(row), model.index(row)
    )  # the tile repaints (its face arrives)…
    assert editor.text() == "Eric Clapton"  # …and what was typed stays
    settle(qtbot, 50)
    screenshot(window, "people_add_a_name")
    # Clicking another tile keeps what was typed (the editor commits as it loses focus).
    other = next(i for i, r in enumerate(model.rows) if r.has_name)
    page.view.setCurrentIndex(model.index(other))
    page.view.setFocus()
    qtbot.waitUntil(lambda: Person.get_by_id(person_id).name == "Eric Clapton", timeout=5000)
    qtbot.waitUntil(lambda: model.rows[row].name == "Eric Clapton", timeout=5000)
    # Named with 2 photos, Clapton would sort before Carell; the grid keeps still while the page is open.
    assert [r.id for r in model.rows] == order
    page.view.setCurrentIndex(model.index(row))
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = _open_editor(page.view)
    assert editor.text() == "Eric Clapton"  # F2 still means the person just named
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    # Leaving the page puts named people first again, most photos first.
    window.navigate(routes.PhotosRoute())
    assert [r.name for r in model.rows[:2]] == ["John Lennon", "Eric Clapton"]


def test_an_existing_name_asks_same_person_with_both_covers_then_merges_and_undo_says_names(
    qtbot, window, messages_log
):
    page, model = _people_page(qtbot, window)
    row = next(i for i, r in enumerate(model.rows) if not r.has_name and r.photo_count == 1)
    unnamed = model.rows[row]
    lennon = Person.get(Person.name == "John Lennon")
    page.view.setCurrentIndex(model.index(row))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = _open_editor(page.view)
    qtbot.keyClicks(editor, "john lennon")  # the completer offers "John Lennon" with his face
    popup = editor.completer().popup()
    assert popup.isVisible() and popup.model().index(0, 0).data() == "John Lennon"
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # one Enter, even with the completer open
    qtbot.waitUntil(lambda: page.findChild(MergeDialog) is not None, timeout=5000)
    dialog = page.findChild(MergeDialog)
    assert dialog.isVisible()
    assert dialog.question.text() == "Merge 1 photo of an unnamed person into John Lennon?"
    assert [r.id for _, r in dialog.covers] == [unnamed.id, lennon.id]
    qtbot.waitUntil(
        lambda: all(
            _loaded_pixmap(window.ctx.face_by_id(r.cover_face_id)) for _, r in dialog.covers
        ),
        timeout=5000,
    )
    dialog._show_covers()
    settle(qtbot, 50)
    screenshot(dialog, "merge_confirm")
    dialog.accept()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    assert Person.get_or_none(Person.id == unnamed.id) is None
    assert Person.select().where(Person.name == "John Lennon").count() == 1
    assert any(
        m.text == "Merged 1 photo of an unnamed person into John Lennon. Ctrl+Z undoes it."
        for m in messages_log.messages
    )
    people_actions.undo(window.ctx)
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=5000)
    undone = [m.text for m in messages_log.messages if m.text.startswith("Undone:")]
    assert undone and "John Lennon" in undone[-1]


def test_cancelled_merge_changes_nothing_and_shows_the_true_name(qtbot, window):
    page, model = _people_page(qtbot, window)
    row = next(i for i, r in enumerate(model.rows) if not r.has_name)
    person = model.rows[row]
    people_actions.name_person(window.ctx, page, person, "Steve Carell")
    dialog = page.findChild(MergeDialog)
    assert dialog is not None
    dialog.reject()
    qtbot.waitUntil(lambda: model.rows[row].name is None, timeout=5000)
    assert Person.get_by_id(person.id).name is None and model.rowCount() == 4


def test_merge_into_from_a_persons_page_picks_by_face(qtbot, window):
    page, model = _people_page(qtbot, window)
    unnamed = next(r for r in model.rows if not r.has_name)
    carell = Person.get(Person.name == "Steve Carell")
    window.navigate(routes.PersonRoute(unnamed.id))
    person_page = window.page("person")
    qtbot.waitUntil(
        lambda: person_page.row is not None and person_page.row.id == unnamed.id, timeout=5000
    )
    person_page.merge_button.click()
    chooser = person_page.findChild(PersonChooser)
    assert chooser is not None and NEW not in _entries(chooser)  # merging needs someone who exists
    chooser.choose("Steve")
    dialog = person_page.findChild(MergeDialog)
    assert dialog is not None and dialog.target.id == carell.id
    dialog.accept()
    qtbot.waitUntil(lambda: Person.get_or_none(Person.id == unnamed.id) is None, timeout=5000)


def test_viewer_add_a_name_shows_the_clicked_face(qtbot, window):
    from pictopy_desktop.ui.qt import QMenu

    model = window.page("photos").model
    qtbot.waitUntil(lambda: model.is_loaded and len(window.ctx.people) == 4, timeout=5000)
    target = Image.get(Image.path.endswith("clapton-1.jpg")).id
    window.open_viewer(model, model.index_of_image(target).row())
    viewer = window.page("viewer")
    qtbot.waitUntil(lambda: len(viewer.canvas.faces) >= 1, timeout=5000)
    face = next(f for f in viewer.canvas.faces if f.person_id is not None)
    menu: QMenu = viewer.face_menu(face)
    add = next(a for a in menu.actions() if a.text() == "Add a name…")
    add.trigger()
    chooser = viewer.findChild(PersonChooser)
    assert chooser is not None and chooser.faces == [face]
    chooser.choose("Eric Clapton")
    qtbot.waitUntil(lambda: Person.get_by_id(face.person_id).name == "Eric Clapton", timeout=5000)
    assert (
        Person.get_by_id(face.person_id).faces.count() == 2
    )  # the whole person was named, not one face


@pytest.mark.slow
def test_tiles_on_a_persons_page_are_framed_around_their_face(qtbot, window):
    carell = Person.get(Person.name == "Steve Carell")
    window.navigate(routes.PersonRoute(carell.id))
    page = window.page("person")
    gallery = page.gallery.model
    qtbot.waitUntil(lambda: gallery.is_loaded and gallery.photo_count() == 1, timeout=5000)
    gallery.load_all_pages_now()
    row = gallery.gallery_row(gallery.row_of_photo(0))
    assert row.name == "carell.jpg" and row.faces and row.faces[0][0] == carell.id
    qtbot.waitUntil(lambda: _loaded_pixmap(window.ctx.thumbnail(row.thumbnail)), timeout=5000)
    pm = window.ctx.thumbnail(row.thumbnail)
    w, h = pm.width(), pm.height()
    assert h > w  # a tall portrait
    src = square_source(w, h, row.faces, carell.id)
    _, x1, y1, x2, y2 = row.faces[0]
    face = QRect(round(x1 * w), round(y1 * h), round((x2 - x1) * w), round((y2 - y1) * h))
    assert src.width() == src.height() == w and src.contains(face)
    assert (src.x(), src.y(), src.width(), src.height()) == face_aware_square(
        w, h, [(x1 * w, y1 * h, x2 * w, y2 * h)]
    )
    settle(qtbot, 200)
    screenshot(window, "person_face_tiles")


def test_face_boxes_come_with_gallery_rows_as_fractions_of_the_photo(library):
    pair = Image.get(Image.path.endswith("longoria-cooper.jpg")).id
    faces = bq.face_boxes_of([pair])[pair]
    assert len(faces) == 2
    for _pid, x1, y1, x2, y2 in faces:
        assert 0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1
    assert bq.rows_by_id([pair])[pair].faces == faces


def test_duplicate_cards_are_framed_around_faces(qtbot):
    from pictopy_desktop.ui.duplicates import THUMB, PhotoCard
    from pictopy_desktop.ui.qt import QColor

    # A tall picture: red at the top where the face is, blue below; a centre crop would be all blue.
    pm = QPixmap(100, 300)
    pm.fill(QColor("blue"))
    from pictopy_desktop.ui.qt import QPainter

    painter = QPainter(pm)
    painter.fillRect(0, 0, 100, 90, QColor("red"))
    painter.end()
    photo = bq.DuplicatePhoto(
        1, "/x/tall.jpg", "t.jpg", 100, 300, 10, "2020-01-01", faces=((None, 0.3, 0.1, 0.7, 0.25),)
    )
    card = PhotoCard(photo, True)
    qtbot.addWidget(card)
    card.set_pixmap(pm)
    shown = card.thumb.pixmap().toImage()
    assert shown.width() == THUMB
    assert QColor(shown.pixel(THUMB // 2, THUMB // 8)) == QColor("red")


# ---------------------------------------------------------------- "Is this John Lennon?"


def _lennon_face_made_unknown() -> tuple[int, int]:
    """Take Lennon's face in lennon-2.jpg out of him (as the clustering might have left it):
    a face the suggestions should offer back as "Is this John Lennon?"."""
    lennon = Person.get(Person.name == "John Lennon")
    face = (
        Face.select(Face)
        .join(Image)
        .where((Face.person == lennon.id) & Image.path.endswith("lennon-2.jpg"))
        .get()
    )
    Face.update(person=None, confirmed=False).where(Face.id == face.id).execute()
    return face.id, lennon.id


@pytest.mark.slow
def test_people_page_asks_is_this_and_the_review_page_goes_one_key_each(
    qtbot, window, messages_log
):
    face_id, lennon_id = _lennon_face_made_unknown()
    page, _model = _people_page(qtbot, window)
    strip = page.suggestions
    qtbot.waitUntil(
        lambda: strip.isVisible() and any(c.item.face.id == face_id for c in strip.cards),
        timeout=5000,
    )
    card = next(c for c in strip.cards if c.item.face.id == face_id)
    assert card.name.text() == "John Lennon?" and card.item.person_id == lennon_id
    assert strip.review_button.text() == f"Review all ({len(strip.items)})"
    settle(qtbot, 300)
    screenshot(window, "people_suggestions")
    strip.review_button.click()
    review = window.page("review")
    assert window.stack.currentWidget() is review
    qtbot.waitUntil(lambda: review.is_loaded, timeout=5000)
    total = len(review.items)
    first = review.items.index(next(i for i in review.items if i.face.id == face_id))
    for _ in range(first):
        qtbot.keyClick(review, Qt.Key.Key_S)  # skip: nothing written
    assert review.current.face.id == face_id and review.question.text() == "Is this John Lennon?"
    assert review.progress.text() == f"{first + 1} of {total}"
    settle(qtbot, 200)
    screenshot(window, "review_suggestions")
    qtbot.keyClick(review, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: Face.get_by_id(face_id).person_id == lennon_id, timeout=5000)
    assert Face.get_by_id(face_id).confirmed
    while review.current is not None:
        qtbot.keyClick(review, Qt.Key.Key_S)
    assert review.done.isVisible() and review.done.text().startswith("All done: 1 answered")
    # One undoable step, named in words; redo puts it back.
    people_actions.undo(window.ctx)
    qtbot.waitUntil(lambda: Face.get_by_id(face_id).person_id is None, timeout=5000)
    people_actions.redo(window.ctx)
    qtbot.waitUntil(lambda: Face.get_by_id(face_id).person_id == lennon_id, timeout=5000)
    texts = [m.text for m in messages_log.messages]
    undone = next(t for t in texts if t.startswith("Undone:"))
    assert "John Lennon" in undone and "Person " not in undone
    assert any(t.startswith("Redone:") and "John Lennon" in t for t in texts)
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is page


@pytest.mark.slow
def test_a_persons_page_asks_about_their_face_and_no_means_never_again(qtbot, window):
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.people.suggestions import list_suggestions

    face_id, lennon_id = _lennon_face_made_unknown()
    window.navigate(routes.PersonRoute(lennon_id))
    page = window.page("person")
    strip = page.suggestions
    qtbot.waitUntil(lambda: strip.isVisible() and bool(strip.cards), timeout=5000)
    assert [c.item.face.id for c in strip.cards] == [face_id]
    assert strip.title.text() == "Is this John Lennon? 1 suggested face"
    settle(qtbot, 300)
    screenshot(window, "person_suggestions")
    qtbot.mouseClick(strip.cards[0].no, Qt.MouseButton.LeftButton)
    assert not strip.isVisible()  # the card goes at once
    qtbot.waitUntil(lambda: lennon_id in ps.excluded_people(face_id), timeout=5000)
    assert Face.get_by_id(face_id).person_id is None
    assert all(s.face_id != face_id for s in list_suggestions(window.ctx.library, lennon_id))


@pytest.mark.slow
def test_viewer_labels_a_lookalike_face_with_a_question_and_answers_it(qtbot, window):
    face_id, lennon_id = _lennon_face_made_unknown()
    model = window.page("photos").model
    qtbot.waitUntil(lambda: model.is_loaded, timeout=5000)
    image_id = Face.get_by_id(face_id).image_id
    window.open_viewer(model, model.index_of_image(image_id).row())
    viewer = window.page("viewer")
    qtbot.waitUntil(lambda: viewer.canvas.guesses.get(face_id) == "John Lennon?", timeout=5000)
    qtbot.waitUntil(lambda: viewer.canvas.pixmap is not None, timeout=5000)
    settle(qtbot, 100)
    screenshot(window, "viewer_suggestion")
    face = next(f for f in viewer.canvas.faces if f.id == face_id)
    menu = viewer.face_menu(face)
    texts = [a.text() for a in menu.actions()]
    assert "Yes, this is John Lennon" in texts and "No, not John Lennon" in texts
    next(a for a in menu.actions() if a.text() == "Yes, this is John Lennon").trigger()
    qtbot.waitUntil(lambda: Face.get_by_id(face_id).person_id == lennon_id, timeout=5000)
    qtbot.waitUntil(
        lambda: "John Lennon" in viewer.canvas.names.values() and not viewer.canvas.guesses,
        timeout=5000,
    )


def test_unknown_faces_page_asks_about_lookalikes_first(qtbot, window):
    face_id, lennon_id = _lennon_face_made_unknown()
    window.navigate(routes.UnknownFacesRoute())
    page = window.page("unknown")
    qtbot.waitUntil(
        lambda: page.suggestions.isVisible() and bool(page.suggestions.cards), timeout=5000
    )
    card = next(c for c in page.suggestions.cards if c.item.face.id == face_id)
    qtbot.mouseClick(card.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Face.get_by_id(face_id).person_id == lennon_id, timeout=5000)
    qtbot.waitUntil(lambda: all(f.id != face_id for f in page.model.rows), timeout=5000)
    page.suggestions.review_button.click()  # "Review all" opens the review page
    assert window.stack.currentWidget() is window.page("review")
    qtbot.waitUntil(lambda: window.page("review").is_loaded, timeout=5000)
    assert all(
        i.face.id != face_id for i in window.page("review").items
    )  # answered: not asked again
