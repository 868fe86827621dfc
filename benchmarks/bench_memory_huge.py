"""Peak memory for huge images: decode and index each in a fresh process, then all together.

Usage: python benchmarks/bench_memory_huge.py [--dir DIR] [--skip-full-decode]

Generates (once, in a child process, from ../shared/photos) a 190 MP 16-bit RGB TIFF
(16000x11875, LZW, as OpenCV writes it), a 20000x3000 PNG panorama and a 100 MP JPEG
(11547x8660). Each measurement runs in a fresh Python process that reports its own peak
resident set size (VmHWM from /proc/self/status):

- baseline: ``Library.index`` of one small photo (768x576): imports, models, sessions;
- decode:   ``decode_image`` alone (what thumbnails and analysis get);
- index:    ``Library.index`` of that one file, models from PICTOPY_MODELS_DIR
            (default ../shared/models);
- viewer:   the viewer's image (longest side 4096) and a 160 px face crop, as the app's
            workers read them;
- full decode: the approach before the memory ceiling (load every pixel at full size,
            convert, then shrink), for comparison;
- all three: one ``Library.index`` run over the folder with the three files, with the
            worker count the library chooses and with 3 workers forced.

- several huge PNGs: one ``Library.index`` run over four 12000x8400 PNGs with models, and
            one over two 14000x14000 PNGs without models, each with and without giving freed
            memory back to the OS (``memory_budget.release_free_memory``).

Targets: each index run under 1 GB, the three together under 1.5 GB, each several-PNG run
under 1 GB. Before the PNG and malloc_trim fixes (2026-11-25, 2-core VM) the several-PNG runs
peaked at 1240 MiB (four, models) and 1655 MiB (two, no models); after: 727 and 894 MiB.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
FILES = {
    "tiff16": "huge-190mp-16bit.tif",
    "panorama": "panorama-20000x3000.png",
    "jpeg100": "huge-100mp.jpg",
}
LABELS = {
    "tiff16": "190 MP 16-bit TIFF (16000x11875)",
    "panorama": "20000x3000 PNG panorama",
    "jpeg100": "100 MP JPEG (11547x8660)",
}
MB = 1024 * 1024
# Several huge PNGs in one run: (folder, count, width, height, with models).
SEVERAL = {
    "four 12000x8400 PNGs, models": ("several-12000x8400", 4, 12000, 8400, True),
    "two 14000x14000 PNGs, no models": ("several-14000x14000", 2, 14000, 14000, False),
}


def cpu_seconds() -> float:
    """CPU time of this process and its threads (wall time means little on a shared machine)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_rss_mb() -> float:
    """This process's peak resident set size (VmHWM), in MiB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmHWM not in /proc/self/status")


# ---------------------------------------------------------------- children


def _generate(folder: Path) -> None:
    """Write the three test files (needs about 2 GB for a moment; runs in its own process)."""
    import cv2
    import numpy as np

    photos = SHARED / "photos"
    group = cv2.imread(str(photos / "dlib_faces" / "bald_guys.jpg"))
    dog = cv2.imread(str(photos / "darknet" / "dog.jpg"))
    if group is None or dog is None:
        raise SystemExit(
            f"{photos} lacks the source photos (dlib_faces/bald_guys.jpg, darknet/dog.jpg)"
        )
    target = folder / FILES["tiff16"]
    if not target.exists():
        big = cv2.resize(group, (16000, 11875), interpolation=cv2.INTER_LINEAR)
        big16 = big.astype(np.uint16) * 257  # full 16-bit range, as a scanner delivers it
        del big
        cv2.imwrite(str(target), big16)
        del big16
    target = folder / FILES["panorama"]
    if not target.exists():
        tile = cv2.resize(group, (4000, 3000), interpolation=cv2.INTER_LINEAR)
        pano = np.concatenate([tile, cv2.flip(tile, 1)] * 2 + [tile], axis=1)
        cv2.imwrite(str(target), pano, [cv2.IMWRITE_PNG_COMPRESSION, 3])
        del pano
    target = folder / FILES["jpeg100"]
    if not target.exists():
        big = cv2.resize(dog, (11547, 8660), interpolation=cv2.INTER_LINEAR)
        cv2.imwrite(str(target), big, [cv2.IMWRITE_JPEG_QUALITY, 90])


def _generate_several(folder: Path, count: int, width: int, height: int) -> None:
    """``count`` PNGs of ``width`` x ``height``: a small random image enlarged (fast to write, slow to squeeze)."""
    import numpy as np
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for i in range(count):
        target = folder / f"huge-{i}.png"
        if not target.exists():
            small = Image.fromarray(
                rng.integers(0, 255, (height // 100, width // 100, 3), dtype=np.uint8)
            )
            small.resize((width, height), Image.Resampling.BILINEAR).save(target, compress_level=1)


def _full_decode(path: Path) -> tuple[int, int]:
    """The approach before the memory ceiling: every pixel at full size, then shrink."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None
    with Image.open(path) as img:
        if img.format == "JPEG":
            img.draft("RGB", (960, 960))
        img.load()
        rgb = img.convert("RGB")
        rgb.thumbnail((1280, 1280), Image.Resampling.BILINEAR, reducing_gap=2.0)
        return rgb.size


def _child(mode: str, paths: list[Path], workers: int | None) -> None:
    sys.path.insert(0, str(REPO_ROOT))
    t0 = cpu_seconds()
    detail = ""
    if mode == "full-decode":
        detail = "x".join(map(str, _full_decode(paths[0])))
    elif mode == "viewer":
        from PIL import Image

        from pictopy_desktop.workers.images import face_crop_rgb, read_full_image

        t0 = cpu_seconds()
        image = read_full_image(str(paths[0]))
        with Image.open(paths[0]) as img:
            w, h = img.size
        face_crop_rgb(str(paths[0]), (w * 0.4, h * 0.4, w * 0.45, h * 0.47), (w, h))
        detail = f"{image.width()}x{image.height()}"
    elif mode == "decode":
        from pictopy_desktop.library.image_decode import decode_image

        t0 = cpu_seconds()  # the decode alone, imports left out
        d = decode_image(paths[0])
        detail = f"{d.rgb.shape[1]}x{d.rgb.shape[0]}"
    else:
        if mode == "index-no-trim":
            from pictopy_desktop.library import memory_budget

            memory_budget._MALLOC_TRIM = (
                None  # what the run costs when freed pages stay with the process
            )
        from pictopy_desktop.library.service import Library

        with tempfile.TemporaryDirectory() as data, Library(Path(data)) as lib:
            kwargs = {"workers": workers} if workers else {}
            indexer = lib.make_indexer(**kwargs)
            report = indexer.index(paths)
            detail = (
                f"workers={indexer.workers} indexed={report.indexed} failed={len(report.failed)}"
            )
            for path, why in report.failed:
                detail += f" [{Path(path).name}: {why}]"
    print(f"RESULT {peak_rss_mb():.0f} {cpu_seconds() - t0:.1f} {detail}", flush=True)


# ---------------------------------------------------------------- parent


def run_child(
    mode: str, paths: list[Path], workers: int | None = None, models: bool = True
) -> tuple[float, float, str]:
    """Run one measurement in a fresh interpreter: (peak MiB, CPU seconds, detail)."""
    cmd = [sys.executable, __file__, "--child", mode]
    if workers:
        cmd += ["--workers", str(workers)]
    env = dict(os.environ)
    if not models:
        env.pop("PICTOPY_MODELS_DIR", None)
    out = subprocess.run(
        cmd + [str(p) for p in paths], capture_output=True, text=True, cwd=REPO_ROOT, env=env
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            _, peak, secs, *rest = line.split(" ", 3)
            return float(peak), float(secs), rest[0] if rest else ""
    raise SystemExit(f"{mode} {paths} failed:\n{out.stdout}\n{out.stderr}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-huge")
    ap.add_argument(
        "--skip-full-decode", action="store_true", help="skip the slow full-size comparison"
    )
    ap.add_argument("--several-only", action="store_true", help="only the several-huge-PNGs runs")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if (
        args.child
    ):  # the parent set its environment (a run without models has no PICTOPY_MODELS_DIR)
        _child(args.child, args.paths, args.workers)
        return
    os.environ.setdefault("PICTOPY_MODELS_DIR", str(SHARED / "models"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the viewer row reads through Qt

    args.dir.mkdir(parents=True, exist_ok=True)
    several = bench_several(args.dir)
    if args.several_only:
        return
    if not all((args.dir / f).exists() for f in FILES.values()):
        print(f"Generating the test files in {args.dir} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, {str(REPO_ROOT)!r}); "
                "from benchmarks.bench_memory_huge import _generate; from pathlib import Path; "
                f"_generate(Path({str(args.dir)!r}))",
            ],
            check=True,
        )
    paths = {k: args.dir / f for k, f in FILES.items()}

    small = SHARED / "photos" / "darknet" / "dog.jpg"
    base, _, _ = run_child("index", [small])
    rows = []
    for key, path in paths.items():
        dec, dec_s, size = run_child("decode", [path])
        idx, idx_s, detail = run_child("index", [path])
        view, _, _ = run_child("viewer", [path])
        if args.skip_full_decode:
            full = "skipped"
        else:
            full_peak, full_s, _ = run_child("full-decode", [path])
            full = f"{full_peak:.0f} ({full_s:.1f} CPU s)"
        rows.append(
            (
                LABELS[key],
                f"{path.stat().st_size / MB:.0f}",
                f"{dec:.0f}",
                f"{dec_s:.1f}",
                size,
                f"{idx:.0f}",
                f"{idx_s:.0f}",
                f"{view:.0f}",
                full,
                detail,
            )
        )
    together = []
    for workers in (None, 3):
        peak, secs, detail = run_child("index", list(paths.values()), workers)
        together.append((peak, secs, detail))

    print(
        f"\nBaseline (index one 768x576 photo: imports, models, sessions): {base:.0f} MiB peak RSS\n"
    )
    head = (
        "image",
        "file MiB",
        "decode peak MiB",
        "decode CPU s",
        "decoded to",
        "index peak MiB",
        "index CPU s",
        "viewer+crop peak MiB",
        "before: full-decode peak MiB",
        "index run",
    )
    table = [head] + rows
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)))
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    print()
    for peak, secs, detail in together:
        print(f"All three in one index run ({detail}): {peak:.0f} MiB peak RSS, {secs:.0f} CPU s")
    worst = max(float(r[5]) for r in rows)
    print(
        f"\nTargets: each index run < 1024 MiB (worst {worst:.0f}), "
        f"all three together < 1536 MiB (worst {max(t[0] for t in together):.0f}), "
        f"several huge PNGs in one run < 1024 MiB (worst {several:.0f})."
    )


def bench_several(folder: Path) -> float:
    """Index several huge PNGs in one run, with and without malloc_trim; print and return the worst peak."""
    worst = 0.0
    print("Several huge PNGs in one index run (peak RSS MiB):", flush=True)
    for label, (sub, count, width, height, models) in SEVERAL.items():
        subdir = folder / sub
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, {str(REPO_ROOT)!r}); "
                "from benchmarks.bench_memory_huge import _generate_several; from pathlib import Path; "
                f"_generate_several(Path({str(subdir)!r}), {count}, {width}, {height})",
            ],
            check=True,
        )
        paths = sorted(subdir.glob("huge-*.png"))[:count]
        peak, secs, detail = run_child("index", paths, models=models)
        untrimmed, _, _ = run_child("index-no-trim", paths, models=models)
        worst = max(worst, peak)
        print(
            f"  {label}: {peak:.0f} MiB ({secs:.0f} CPU s; without malloc_trim {untrimmed:.0f} MiB) [{detail}]",
            flush=True,
        )
    return worst


if __name__ == "__main__":
    main()
