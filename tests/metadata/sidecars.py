"""Write XMP sidecars for tests, in the layouts other programs use."""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.library.metadata.face_regions import mwg_values
from pictopy_desktop.library.metadata.file_metadata import Box, NamedRegion

_HEAD = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"{attributes}>
"""
_TAIL = """  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
"""


def write_mwg_sidecar(
    path: Path,
    regions: list[tuple[str, Box]],
    keywords: list[str] = (),  # type: ignore[assignment]
    rating: int | None = None,
) -> Path:
    """A digiKam/Picasa-style sidecar with named MWG face regions (boxes as fractions)."""
    attributes = f'\n    xmp:Rating="{rating}"' if rating is not None else ""
    body = []
    if keywords:
        items = "".join(f"<rdf:li>{k}</rdf:li>" for k in keywords)
        body.append(f"   <dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>\n")
    if regions:
        body.append('   <mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag>\n')
        for name, (left, top, right, bottom) in regions:
            body.append(
                f'    <rdf:li rdf:parseType="Resource"><mwg-rs:Name>{name}</mwg-rs:Name>'
                "<mwg-rs:Type>Face</mwg-rs:Type>"
                f'<mwg-rs:Area stArea:x="{(left + right) / 2}" stArea:y="{(top + bottom) / 2}" '
                f'stArea:w="{right - left}" stArea:h="{bottom - top}" stArea:unit="normalized"/>'
                "</rdf:li>\n"
            )
        body.append("   </rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>\n")
    path.write_text(_HEAD.format(attributes=attributes) + "".join(body) + _TAIL, encoding="utf-8")
    return path


def grown(box: Box, factor: float) -> Box:
    """``box`` scaled about its centre, as another program might draw a face a little larger."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    hw, hh = (box[2] - box[0]) * factor / 2, (box[3] - box[1]) * factor / 2
    return (cx - hw, cy - hh, cx + hw, cy + hh)


__all__ = ["NamedRegion", "grown", "mwg_values", "write_mwg_sidecar"]


SAMPLES = Path(__file__).resolve().parent.parent / "sample_library"


def copy_samples(dest: Path) -> Path:
    """The metadata samples of ``tests/sample_library`` (``manifest.json``) with their sidecars.

    The folder holds other branches' samples too (RAW and video, ``media_manifest.json``);
    these tests count and search the metadata samples only.
    """
    import json
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    names = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    for name in names:
        photo = SAMPLES / name
        for path in (photo, photo.with_name(f"{name}.xmp"), photo.with_suffix(".xmp")):
            if path.exists():
                shutil.copy2(path, dest / path.name)
    return dest
