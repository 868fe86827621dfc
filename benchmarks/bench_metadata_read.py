"""What reading XMP/IPTC costs per photo while indexing (library/metadata/xmp_reader.py).

Reads every photo of ``../shared/photos`` and of ``tests/sample_library`` (sidecars
included) a few times and prints the median milliseconds per photo, and how many photos
had anything to say.

    python benchmarks/bench_metadata_read.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from pictopy_desktop.library.image_decode import IMAGE_EXTENSIONS
from pictopy_desktop.library.metadata.xmp_reader import read_file_metadata

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT.parent / "shared" / "photos", ROOT / "tests" / "sample_library"]
ROUNDS = 5


def main() -> None:
    for folder in FOLDERS:
        if not folder.is_dir():
            print(f"{folder}: absent, skipped")
            continue
        photos = sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_EXTENSIONS)
        per_photo = []
        said = 0
        for photo in photos:
            times = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                meta = read_file_metadata(photo)
                times.append(time.perf_counter() - start)
            per_photo.append(statistics.median(times))
            said += not meta.is_empty()
        ms = [t * 1000 for t in per_photo]
        print(
            f"{folder.name}: {len(photos)} photos, {said} with metadata; "
            f"median {statistics.median(ms):.2f} ms, max {max(ms):.2f} ms per photo"
        )


if __name__ == "__main__":
    main()
