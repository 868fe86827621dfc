"""XMP read by many threads at once, as the first XMP of a process, reads whole.

libexiv2's XMP toolkit is not thread safe while it starts: a CI run lost a Lightroom
sidecar's keywords, title and rating (every ``exif:`` packet read as empty afterwards)
when the indexer's threads read their first XMP together. ``library/metadata/exiv2_lib.py``
starts it at import and serialises its use; each process here starts fresh.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "tests" / "sample_library"

PROBE = r"""
import json, sys, threading
from pathlib import Path
from pictopy_desktop.library.metadata.xmp_reader import read_file_metadata
from pictopy_desktop.library.raw_decode import read_raw_exif
photos = [Path(p) for p in sys.argv[1:]]
raw = Path(photos[0]).with_name("tokyo_raw.dng").read_bytes()
start = threading.Barrier(16)
seen = []
def read(k):
    start.wait()
    for _ in range(8):
        photo = photos[k % len(photos)]
        meta = read_file_metadata(photo)
        seen.append([photo.name, meta.title, sorted(k.path for k in meta.keywords),
                     meta.rating, str(meta.taken_at)])
        read_raw_exif(raw)
threads = [threading.Thread(target=read, args=(k,)) for k in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(seen))
"""


def test_first_xmp_reads_on_many_threads_lose_nothing() -> None:
    photos = [SAMPLES / "lightroom_beach.jpg", SAMPLES / "digikam_paris.jpg"]
    for _ in range(3):  # each a fresh process: the toolkit starts in each
        out = subprocess.run(
            [sys.executable, "-c", PROBE, *map(str, photos)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
            check=True,
        )
        seen = json.loads(out.stdout)
        assert len(seen) == 16 * 8
        beach = [s for s in seen if s[0] == "lightroom_beach.jpg"]
        assert beach and all(
            s[1:]
            == ["Evening swim", ["Places|France|Marseille", "beach"], 5, "2021-08-02 18:45:10"]
            for s in beach
        ), beach[:3]
        paris = [s for s in seen if s[0] == "digikam_paris.jpg"]
        assert paris and all(s[2] == sorted(paris[0][2]) and s[2] for s in paris)
