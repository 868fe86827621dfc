"""Named face regions in XMP: the MWG layout (Picasa, Lightroom, digiKam) and Microsoft's.

Regions are read relative to the photo as shown (after EXIF orientation), which is how
Picasa, Lightroom Classic, digiKam and Windows Photo Gallery write them in practice.

- MWG: ``mwg-rs:Regions/mwg-rs:RegionList[i]`` with ``mwg-rs:Name``, ``mwg-rs:Type``
  ("Face") and ``mwg-rs:Area`` (``stArea:x``/``y`` the centre, ``w``/``h``, normalised).
- Microsoft: ``MP:RegionInfo/MPRI:Regions[i]`` with ``MPReg:PersonDisplayName`` and
  ``MPReg:Rectangle`` ("x, y, w, h": top-left corner and size, normalised).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pictopy_desktop.library.metadata.file_metadata import Box, NamedRegion

MWG_LIST = "Xmp.mwg-rs.Regions/mwg-rs:RegionList"
MP_LIST = "Xmp.MP.RegionInfo/MPRI:Regions"

_MWG_ITEM = re.compile(re.escape(MWG_LIST) + r"\[(\d+)\]/(.+)$")
_MP_ITEM = re.compile(re.escape(MP_LIST) + r"\[(\d+)\]/(.+)$")
# Windows Photo Gallery writes this id for a face the user said is nobody.
_MP_NOBODY = "ffffffffffffffff"


def _clamp_box(left: float, top: float, right: float, bottom: float) -> Box | None:
    """The box inside 0..1, or None when it is empty or not a box at all."""
    box = tuple(min(1.0, max(0.0, v)) for v in (left, top, right, bottom))
    if box[2] - box[0] <= 0 or box[3] - box[1] <= 0:
        return None
    return box  # type: ignore[return-value]


def _float(text: str | None) -> float | None:
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def _items(values: Mapping[str, str], pattern: re.Pattern[str]) -> dict[int, dict[str, str]]:
    items: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        if m := pattern.match(key):
            items.setdefault(int(m.group(1)), {})[m.group(2)] = value
    return items


def mwg_regions(values: Mapping[str, str]) -> list[NamedRegion]:
    """Named face regions in the MWG layout (``values``: XMP key -> text, as ``xmp_reader`` flattens them)."""
    found = []
    for _, item in sorted(_items(values, _MWG_ITEM).items()):
        name = " ".join(item.get("mwg-rs:Name", "").split())
        kind = item.get("mwg-rs:Type", "Face").strip()
        if not name or kind.lower() != "face":
            continue
        unit = item.get("mwg-rs:Area/stArea:unit", "normalized").strip().lower()
        x, y, w, h = (_float(item.get(f"mwg-rs:Area/stArea:{k}")) for k in "xywh")
        if unit != "normalized" or None in (x, y, w, h):
            continue
        box = _clamp_box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)  # type: ignore[operator]
        if box is not None:
            found.append(NamedRegion(name, box))
    return found


def microsoft_regions(values: Mapping[str, str]) -> list[NamedRegion]:
    """Named face regions in Microsoft's layout (Windows Photo Gallery, older digiKam)."""
    found = []
    for _, item in sorted(_items(values, _MP_ITEM).items()):
        name = " ".join(item.get("MPReg:PersonDisplayName", "").split())
        if not name or name.lower() == _MP_NOBODY:
            continue
        box = microsoft_box(item.get("MPReg:Rectangle", ""))
        if box is not None:
            found.append(NamedRegion(name, box))
    return found


def microsoft_box(rectangle: str) -> Box | None:
    """The box of an ``MPReg:Rectangle`` ("x, y, w, h"), or None when it is not one."""
    parts = [_float(p) for p in rectangle.split(",")]
    if len(parts) != 4 or None in parts:
        return None
    x, y, w, h = parts  # type: ignore[misc]
    return _clamp_box(x, y, x + w, y + h)  # type: ignore[operator]


def microsoft_rectangle(box: Box) -> str:
    """``box`` as an ``MPReg:Rectangle``: "x, y, w, h", the top-left corner and the size."""
    left, top, right, bottom = box
    return f"{left:.6f}, {top:.6f}, {right - left:.6f}, {bottom - top:.6f}"


def read_regions(values: Mapping[str, str]) -> list[NamedRegion]:
    """MWG regions where there are any (the newer, richer layout), else Microsoft's."""
    return mwg_regions(values) or microsoft_regions(values)


def rotate_box(box: Box, quarter_turns_cw: int) -> Box:
    """``box`` in a photo turned ``quarter_turns_cw`` times a quarter turn clockwise."""
    left, top, right, bottom = box
    for _ in range(quarter_turns_cw % 4):
        # A point (x, y) of the photo lands at (1 - y, x) once it is turned clockwise.
        left, top, right, bottom = 1.0 - bottom, left, 1.0 - top, right
    return (left, top, right, bottom)


def mwg_values(regions: list[NamedRegion], width: int, height: int) -> dict[str, str]:
    """XMP key -> text for ``regions`` in the MWG layout, for a photo shown ``width`` x ``height``."""
    values = {
        "Xmp.mwg-rs.Regions/mwg-rs:AppliedToDimensions/stDim:w": str(int(width)),
        "Xmp.mwg-rs.Regions/mwg-rs:AppliedToDimensions/stDim:h": str(int(height)),
        "Xmp.mwg-rs.Regions/mwg-rs:AppliedToDimensions/stDim:unit": "pixel",
    }
    for i, region in enumerate(regions, start=1):
        left, top, right, bottom = region.box
        item = f"{MWG_LIST}[{i}]"
        values[f"{item}/mwg-rs:Name"] = region.name
        values[f"{item}/mwg-rs:Type"] = "Face"
        area = f"{item}/mwg-rs:Area"
        values[f"{area}/stArea:x"] = f"{(left + right) / 2:.6f}"
        values[f"{area}/stArea:y"] = f"{(top + bottom) / 2:.6f}"
        values[f"{area}/stArea:w"] = f"{right - left:.6f}"
        values[f"{area}/stArea:h"] = f"{bottom - top:.6f}"
        values[f"{area}/stArea:unit"] = "normalized"
    return values
