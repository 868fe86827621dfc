"""The read model: what the app and the CLI read about the library, as dataclass records.

One set of readers for both: the app's views page through these records, and the
CLI prints their ``to_dict()`` (the JSON shapes the README documents), so a count,
an order or a cover is decided once. Plain Peewee and dataclasses, no Qt; the UI
and the CLI read the library only through here (and the write operations), never
through the tables.

* ``browse`` — galleries (filters, month groups, pages of ``GalleryRow``), photo
  details, and the listings of tags, albums, folders, memories, places, duplicates;
* ``keywords`` — the keywords other programs wrote, listed beside the tags;
* ``people`` — ``PersonRow`` and ``FaceRow``: people, their faces, Unknown faces;
* ``search`` — the photos matching a query, and ``PhotoSummary`` results;
* ``status`` — the library's counts and its unreadable files.

Everything public in them is importable from here: ``from pictopy_desktop.library
import read_model`` and ``read_model.people_rows()``.
"""

from pictopy_desktop.library.read_model.browse import *  # noqa: F403
from pictopy_desktop.library.read_model.keywords import *  # noqa: F403
from pictopy_desktop.library.read_model.people import *  # noqa: F403
from pictopy_desktop.library.read_model.search import *  # noqa: F403
from pictopy_desktop.library.read_model.status import *  # noqa: F403
