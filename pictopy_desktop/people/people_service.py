"""People operations, the undo journal and the people counters in one import, for scripts and tests.

The code lives in modules with one job each; the app and the CLI import those:

* ``people_ops`` — rename, merge, move a face, "not a face", hide, cover, name, confirm, reject;
* ``undo_journal`` — the undo steps, undo and redo;
* ``people_store`` — rules shared by the people tables (ids, covers, the generation counter);
* ``storage/meta_store`` — the key-value store the counters live in;
* ``library/read_model/people`` — people and faces as the app and the CLI read them.
"""

from __future__ import annotations

from pictopy_desktop.library.read_model.people import (
    FaceRow,
    PersonRow,
    excluded_people,
    people_rows,
    unknown_faces,
)
from pictopy_desktop.people.people_ops import (
    confirm_face,
    merge_people,
    move_face,
    name_face,
    reject_face,
    remove_face,
    rename_person,
    set_cover_face,
    set_hidden,
)
from pictopy_desktop.people.people_store import (
    META_GENERATION,
    META_LAST_RECLUSTER_AT,
    META_LAST_RECLUSTER_SECONDS,
    META_MAX_PERSON_ID,
    META_PHOTOS_SINCE_RECLUSTER,
    NoSuchFaceError,
    NoSuchPersonError,
    PeopleError,
    best_cover_face,
    bump_generation,
    generation,
    is_empty,
    new_person,
    refresh_covers,
    write_transaction,
)
from pictopy_desktop.people.undo_journal import (
    META_REDO,
    REDO_KEEP,
    UNDO_KEEP,
    UndoStep,
    payload_changes,
    redo_history,
    redo_last,
    undo_history,
    undo_last,
)
from pictopy_desktop.storage.meta_store import meta_add, meta_get, meta_int, meta_set

__all__ = [
    "META_GENERATION",
    "META_LAST_RECLUSTER_AT",
    "META_LAST_RECLUSTER_SECONDS",
    "META_MAX_PERSON_ID",
    "META_PHOTOS_SINCE_RECLUSTER",
    "META_REDO",
    "REDO_KEEP",
    "UNDO_KEEP",
    "FaceRow",
    "NoSuchFaceError",
    "NoSuchPersonError",
    "PeopleError",
    "PersonRow",
    "UndoStep",
    "best_cover_face",
    "bump_generation",
    "confirm_face",
    "excluded_people",
    "generation",
    "is_empty",
    "merge_people",
    "meta_add",
    "meta_get",
    "meta_int",
    "meta_set",
    "move_face",
    "name_face",
    "new_person",
    "payload_changes",
    "people_rows",
    "redo_history",
    "redo_last",
    "refresh_covers",
    "reject_face",
    "remove_face",
    "rename_person",
    "set_cover_face",
    "set_hidden",
    "undo_history",
    "undo_last",
    "unknown_faces",
    "write_transaction",
]
