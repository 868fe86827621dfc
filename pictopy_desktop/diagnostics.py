"""What a bug report needs: versions, the execution providers, the folders, the last problems.

``collect`` builds it (Qt-free: the CLI's ``pictopy diagnostics`` and the app's Help ->
Copy diagnostics share it); ``as_text`` writes it as a few lines to paste into a report.
Nothing here may fail the whole report: a part that cannot be read says why instead.
"""

from __future__ import annotations

import importlib.metadata
import platform
import sqlite3
from typing import Any

from pictopy_desktop import __version__, paths

# Distributions that provide the `onnxruntime` module; only one should be installed.
ORT_DISTRIBUTIONS = ("onnxruntime", "onnxruntime-gpu", "onnxruntime-directml")


def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def versions(qt_version: str | None = None) -> dict[str, str]:
    """PictoPy, Python and the libraries that decode, store and analyse photos."""
    found = {
        "PictoPy": __version__,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Platform": platform.platform(),
        # The running Qt when the app asks; else the installed binding, read without importing Qt.
        "Qt": qt_version
        or _dist_version("PySide6-Essentials")
        or _dist_version("PySide6")
        or "not installed",
        "SQLite": sqlite3.sqlite_version,
    }
    ort = [f"{name} {v}" for name in ORT_DISTRIBUTIONS if (v := _dist_version(name))]
    found["ONNX Runtime"] = ", ".join(ort) or "not installed"
    for label, module in (("OpenCV", "cv2"), ("Pillow", "PIL"), ("NumPy", "numpy")):
        try:
            found[label] = str(__import__(module).__version__)
        except Exception as exc:  # a broken install is what diagnostics are for
            found[label] = f"unavailable ({type(exc).__name__}: {exc})"
    return found


def available_providers() -> list[str]:
    """The execution providers this ONNX Runtime build offers (CUDA, DirectML, CoreML, CPU ...)."""
    try:
        import onnxruntime

        return list(onnxruntime.get_available_providers())
    except Exception as exc:
        return [f"unavailable ({type(exc).__name__}: {exc})"]


def model_providers(analyzer: Any) -> list[dict[str, Any]]:
    """Per loaded model: what it does, its file and the provider running it (live sessions)."""
    if analyzer is None:
        return []
    return [
        {"role": role, "what": rt.what, "file": rt.file, "provider": rt.provider}
        for role, rt in analyzer.execution_providers().items()
    ] + [{"role": None, "what": "Off", "file": None, "provider": p} for p in analyzer.problems]


def folders(where: paths.Folders | None = None) -> dict[str, str]:
    """Where each kind of file is kept (``where``, else this process's folders)."""
    f = where or paths.folders()
    found = {
        "library": str(f.database),
        "thumbnails": str(f.thumbnails),
        "settings": str(f.settings),
        "logs": str(f.logs),
    }
    try:
        found["models"] = str(paths.models_dir())
    except Exception as exc:
        found["models"] = f"unknown ({exc})"
    return found


def collect(
    analyzer: Any = None, qt_version: str | None = None, where: paths.Folders | None = None
) -> dict[str, Any]:
    """The whole report as plain data (``--json`` prints it as is).

    ``analyzer``: the live one (the app's) or one just loaded (the CLI's); ``where``: the
    open library's folders, else this process's.
    """
    from pictopy_desktop.log_files import last_problems

    where = where or paths.folders()
    return {
        "versions": versions(qt_version),
        "providers_available": available_providers(),
        "models": model_providers(analyzer),
        "folders": folders(where),
        "last_problems": last_problems(where.logs),
    }


def as_text(report: dict[str, Any]) -> str:
    """The report as lines of text for a bug report."""
    lines = ["PictoPy diagnostics", ""]
    lines += [f"{k}: {v}" for k, v in report["versions"].items()]
    lines += ["", "Execution providers available: " + ", ".join(report["providers_available"])]
    models = report["models"]
    lines.append("Models:" if models else "Models: none loaded")
    for m in models:
        if m["role"] is None:
            lines.append(f"  {m['provider']}")
        else:
            lines.append(f"  {m['what']}: {m['file']} on {m['provider']}")
    lines += ["", "Folders:"] + [f"  {k}: {v}" for k, v in report["folders"].items()]
    problems = report["last_problems"]
    lines += ["", "Last problems in the log:" if problems else "Last problems in the log: none"]
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines) + "\n"
