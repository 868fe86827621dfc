"""The CUDA execution-provider path against the CPU one, on the real models and photos.

Runs the app's analyzer (object tags, face detection, face embeddings) over the shared photos
twice: once with the CPU provider only, once with the providers the app would choose on this
machine. Prints which provider each model actually ran on, the time per photo of each, and
how far the results differ (tags, face count, boxes, embedding cosine). Needs onnxruntime-gpu
and an NVIDIA GPU for the second run to mean anything; on a CPU-only machine both runs are CPU.

Usage: python benchmarks/bench_cuda_providers.py [--models DIR] [--photos DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from pictopy_desktop.ml import ort_session  # noqa: E402
from pictopy_desktop.ml.analyzer import ImageAnalyzer  # noqa: E402

SHARED = REPO.parent / "shared"
APP_PREFERENCE = ort_session.PROVIDER_PREFERENCE


def _photos(folder: Path) -> list[tuple[str, np.ndarray]]:
    out = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in {".jpg", ".jpeg", ".png"}:
            continue
        bgr = cv2.imread(str(path))
        if bgr is not None:
            out.append((str(path.relative_to(folder)), cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)))
    return out


def _run(
    models: Path,
    photos: list[tuple[str, np.ndarray]],
    preference: tuple[str, ...],
):
    ort_session.PROVIDER_PREFERENCE = preference
    analyzer = ImageAnalyzer.from_models_dir(models)
    t0 = time.perf_counter()
    analyzer.load()
    load_s = time.perf_counter() - t0
    runtimes = {role: rt.providers for role, rt in analyzer.execution_providers().items()}
    stage_s = _time_stages(analyzer)
    for _, rgb in photos:  # warm-up: CUDA loads kernels lazily, cuDNN tunes each new shape
        analyzer.analyze(rgb)
    stage_s.clear()
    times, results = [], []
    for _, rgb in photos:
        t = time.perf_counter()
        results.append(analyzer.analyze(rgb))
        times.append(time.perf_counter() - t)
    return runtimes, load_s, times, results, dict(stage_s)


def _time_stages(analyzer: ImageAnalyzer) -> dict[str, float]:
    """Wrap each loaded model's entry point to add up its time (the analyzer calls them)."""
    totals: dict[str, float] = {}
    for role, method in (
        ("object_detector", "detect"),
        ("face_detector", "detect"),
        ("face_embedder", "embed"),
    ):
        model = analyzer._model(role)  # a benchmark may look inside
        if model is None:
            continue
        inner = getattr(model, method)

        def timed(*a, _inner=inner, _role=role, **k):
            t = time.perf_counter()
            try:
                return _inner(*a, **k)
            finally:
                totals[_role] = totals.get(_role, 0.0) + time.perf_counter() - t

        setattr(model, method, timed)
    return totals


def _compare(names, cpu_results, gpu_results) -> dict[str, float]:
    tag_mismatch = face_count_mismatch = 0
    box_diff, min_cos = 0.0, 1.0
    for name, a, b in zip(names, cpu_results, gpu_results):
        if sorted(t.label for t in a.tags) != sorted(t.label for t in b.tags):
            tag_mismatch += 1
            cpu_tags = ", ".join(f"{t.label} {t.confidence:.2f}" for t in a.tags)
            gpu_tags = ", ".join(f"{t.label} {t.confidence:.2f}" for t in b.tags)
            print(f"  tags differ on {name}: CPU [{cpu_tags}] vs [{gpu_tags}]")
        if len(a.faces) != len(b.faces):
            face_count_mismatch += 1
            continue
        for fa, fb in zip(a.faces, b.faces):
            box_diff = max(box_diff, float(np.max(np.abs(np.subtract(fa.box, fb.box)))))
            ea, eb = np.asarray(fa.embedding, np.float64), np.asarray(fb.embedding, np.float64)
            cos = float(ea @ eb / (np.linalg.norm(ea) * np.linalg.norm(eb)))
            min_cos = min(min_cos, cos)
    return {
        "photos with other tags": tag_mismatch,
        "photos with another face count": face_count_mismatch,
        "largest face box difference (px)": round(box_diff, 3),
        "lowest embedding cosine": round(min_cos, 6),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=SHARED / "models")
    parser.add_argument("--photos", type=Path, default=SHARED / "photos")
    args = parser.parse_args()
    if not args.models.is_dir() or not args.photos.is_dir():
        print(f"skipped: models or photos not found ({args.models}, {args.photos})")
        return 0
    import onnxruntime as ort

    print(f"onnxruntime {ort.__version__}, available: {ort.get_available_providers()}")
    print(f"device: {ort.get_device()}")
    photos = _photos(args.photos)
    print(f"{len(photos)} photos")
    cpu = _run(args.models, photos, ("CPUExecutionProvider",))
    best = _run(args.models, photos, APP_PREFERENCE)
    runs = [("CPU only", cpu), ("app's choice", best)]
    for name, (runtimes, load_s, times, _, stage_s) in runs:
        print(f"\n{name}: models loaded in {load_s:.2f} s")
        for role, providers in runtimes.items():
            print(f"  {role:16s} runs on {providers[0]}  (session providers {list(providers)})")
        print(
            f"  per photo: median {statistics.median(times) * 1000:.1f} ms, "
            f"mean {statistics.mean(times) * 1000:.1f} ms, total {sum(times):.2f} s"
        )
        for role, seconds in stage_s.items():
            print(f"    {role:16s} {seconds / len(times) * 1000:.1f} ms a photo")
    ratio = sum(cpu[2]) / max(sum(best[2]), 1e-9)
    print(f"\napp's choice vs CPU only: {ratio:.2f}x the speed")
    names = [name for name, _ in photos]
    for key, value in _compare(names, cpu[3], best[3]).items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
