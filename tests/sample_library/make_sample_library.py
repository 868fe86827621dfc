"""Write the sample library beside this script, deterministically (run it to regenerate).

Small JPEGs with the metadata the three common writers leave, so a test can index the
folder and expect exact keywords, ratings, named people, places and dates:

- ``digikam_paris.jpg`` + ``digikam_paris.jpg.xmp``: digiKam's sidecar (TagsList, colour
  label number, rating, MWG and Microsoft face regions); EXIF GPS, date and time zone.
- ``lightroom_beach.jpg`` + ``lightroom_beach.xmp``: Lightroom's sidecar (hierarchical
  subjects with every ancestor in dc:subject, label, 5 stars, title, caption, MWG region,
  GPS and a dated time zone in XMP only).
- ``picasa_family.jpg``: Picasa-style XMP embedded in the photo (MWG regions) with IPTC
  keywords and caption.
- ``windows_party.jpg``: Windows Photo Gallery regions (MP:RegionInfo) embedded; a rating
  in percent.
- ``rejected.jpg`` + ``rejected.jpg.xmp``: rating -1 (rejected); EXIF GPS in the south and west.

``manifest.json`` lists each file with what indexing it must give (keys a test does not
know are for other tests: branch ``media`` adds a RAW file and a video the same way).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import exiv2
from PIL import Image
from PIL.ExifTags import GPS, IFD, Base

HERE = Path(__file__).resolve().parent

_XMP_HEAD = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
"""
_XMP_TAIL = """ </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
"""


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return (float(degrees), float(minutes), seconds)


def _jpeg(
    colour: tuple[int, int, int],
    taken: str | None = None,
    offset: str | None = None,
    gps: tuple[float, float] | None = None,
) -> bytes:
    """A small JPEG with EXIF tags by name."""
    exif = Image.Exif()
    exif[Base.Make] = "PictoPy sample"
    sub = exif.get_ifd(IFD.Exif)
    if taken:
        sub[Base.DateTimeOriginal] = taken
    if offset:
        sub[Base.OffsetTimeOriginal] = offset
    if gps:
        lat, lon = gps
        block = exif.get_ifd(IFD.GPSInfo)
        block[GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
        block[GPS.GPSLatitude] = _dms(lat)
        block[GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        block[GPS.GPSLongitude] = _dms(lon)
    buf = io.BytesIO()
    Image.new("RGB", (96, 64), colour).save(buf, "JPEG", quality=70, exif=exif)
    return buf.getvalue()


def _embed(jpeg: bytes, xmp_packet: str, iptc: dict[str, list[str]] | None = None) -> bytes:
    """``jpeg`` with an XMP packet (and IPTC datasets) written in by libexiv2."""
    image = exiv2.ImageFactory.open(jpeg)
    image.readMetadata()
    image.setXmpPacket(xmp_packet)
    if iptc:
        data = image.iptcData()
        data["Iptc.Envelope.CharacterSet"] = "\x1b%G"  # UTF-8
        for key, values in iptc.items():
            for value in values:
                datum = exiv2.Iptcdatum(exiv2.IptcKey(key))
                datum.setValue(value)
                data.add(datum)
    image.writeMetadata()
    with image.io().mmap() as view:
        return bytes(view)


DIGIKAM = (
    _XMP_HEAD
    + """  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:digiKam="http://www.digikam.org/ns/1.0/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#"
    xmlns:MP="http://ns.microsoft.com/photo/1.2/"
    xmlns:MPRI="http://ns.microsoft.com/photo/1.2/t/RegionInfo#"
    xmlns:MPReg="http://ns.microsoft.com/photo/1.2/t/Region#"
    xmp:Rating="4"
    digiKam:ColorLabel="1">
   <dc:subject><rdf:Bag><rdf:li>Paris</rdf:li><rdf:li>Eric Clapton</rdf:li><rdf:li>concert</rdf:li></rdf:Bag></dc:subject>
   <digiKam:TagsList><rdf:Seq>
     <rdf:li>Places/France/Paris</rdf:li><rdf:li>People/Eric Clapton</rdf:li><rdf:li>concert</rdf:li>
   </rdf:Seq></digiKam:TagsList>
   <lr:hierarchicalSubject><rdf:Bag>
     <rdf:li>Places|France|Paris</rdf:li><rdf:li>People|Eric Clapton</rdf:li><rdf:li>concert</rdf:li>
   </rdf:Bag></lr:hierarchicalSubject>
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions stDim:w="96" stDim:h="64" stDim:unit="pixel"/>
    <mwg-rs:RegionList><rdf:Bag>
     <rdf:li><rdf:Description mwg-rs:Name="Eric Clapton" mwg-rs:Type="Face">
      <mwg-rs:Area stArea:x="0.3" stArea:y="0.4" stArea:w="0.2" stArea:h="0.3" stArea:unit="normalized"/>
     </rdf:Description></rdf:li>
    </rdf:Bag></mwg-rs:RegionList>
   </mwg-rs:Regions>
   <MP:RegionInfo rdf:parseType="Resource"><MPRI:Regions><rdf:Bag>
    <rdf:li MPReg:PersonDisplayName="Eric Clapton" MPReg:Rectangle="0.2, 0.25, 0.2, 0.3"/>
   </rdf:Bag></MPRI:Regions></MP:RegionInfo>
  </rdf:Description>
"""
    + _XMP_TAIL
)

LIGHTROOM = (
    _XMP_HEAD
    + """  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#"
    xmp:Rating="5"
    xmp:Label="Green"
    crs:Exposure2012="+0.35"
    exif:GPSLatitude="43,17.8N"
    exif:GPSLongitude="5,22.2E"
    exif:DateTimeOriginal="2021-08-02T18:45:10-04:00"
    photoshop:DateCreated="2021-08-02T18:45:10-04:00">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Evening swim</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Anna at the beach before sunset</rdf:li></rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>
    <rdf:li>Places</rdf:li><rdf:li>France</rdf:li><rdf:li>Marseille</rdf:li><rdf:li>beach</rdf:li>
   </rdf:Bag></dc:subject>
   <lr:hierarchicalSubject><rdf:Bag>
    <rdf:li>Places|France|Marseille</rdf:li><rdf:li>beach</rdf:li>
   </rdf:Bag></lr:hierarchicalSubject>
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions stDim:w="96" stDim:h="64" stDim:unit="pixel"/>
    <mwg-rs:RegionList><rdf:Bag>
     <rdf:li><rdf:Description mwg-rs:Name="Anna Weber" mwg-rs:Type="Face">
      <mwg-rs:Area stArea:x="0.5" stArea:y="0.5" stArea:w="0.25" stArea:h="0.375" stArea:unit="normalized"/>
     </rdf:Description></rdf:li>
    </rdf:Bag></mwg-rs:RegionList>
   </mwg-rs:Regions>
  </rdf:Description>
"""
    + _XMP_TAIL
)

PICASA = (
    _XMP_HEAD
    + """  <rdf:Description rdf:about=""
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#">
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions stDim:w="96" stDim:h="64" stDim:unit="pixel"/>
    <mwg-rs:RegionList><rdf:Bag>
     <rdf:li><rdf:Description mwg-rs:Name="Grandma Rose" mwg-rs:Type="Face">
      <mwg-rs:Area stArea:x="0.25" stArea:y="0.4" stArea:w="0.2" stArea:h="0.3" stArea:unit="normalized"/>
     </rdf:Description></rdf:li>
     <rdf:li><rdf:Description mwg-rs:Name="Anna Weber" mwg-rs:Type="Face">
      <mwg-rs:Area stArea:x="0.7" stArea:y="0.4" stArea:w="0.2" stArea:h="0.3" stArea:unit="normalized"/>
     </rdf:Description></rdf:li>
     <rdf:li><rdf:Description mwg-rs:Name="Focus" mwg-rs:Type="Focus">
      <mwg-rs:Area stArea:x="0.5" stArea:y="0.5" stArea:w="0.1" stArea:h="0.1" stArea:unit="normalized"/>
     </rdf:Description></rdf:li>
    </rdf:Bag></mwg-rs:RegionList>
   </mwg-rs:Regions>
  </rdf:Description>
"""
    + _XMP_TAIL
)

WINDOWS = (
    _XMP_HEAD
    + """  <rdf:Description rdf:about=""
    xmlns:MicrosoftPhoto="http://ns.microsoft.com/photo/1.0/"
    xmlns:MP="http://ns.microsoft.com/photo/1.2/"
    xmlns:MPRI="http://ns.microsoft.com/photo/1.2/t/RegionInfo#"
    xmlns:MPReg="http://ns.microsoft.com/photo/1.2/t/Region#"
    MicrosoftPhoto:Rating="75">
   <MicrosoftPhoto:LastKeywordXMP><rdf:Bag><rdf:li>Events/Birthday</rdf:li></rdf:Bag></MicrosoftPhoto:LastKeywordXMP>
   <MP:RegionInfo rdf:parseType="Resource"><MPRI:Regions><rdf:Bag>
    <rdf:li MPReg:PersonDisplayName="Tom Baker" MPReg:Rectangle="0.55, 0.2, 0.2, 0.3"/>
    <rdf:li MPReg:PersonDisplayName="ffffffffffffffff" MPReg:Rectangle="0.1, 0.1, 0.1, 0.1"/>
   </rdf:Bag></MPRI:Regions></MP:RegionInfo>
  </rdf:Description>
"""
    + _XMP_TAIL
)

REJECTED = (
    _XMP_HEAD
    + """  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmp:Rating="-1"/>
"""
    + _XMP_TAIL
)

MANIFEST = {
    "digikam_paris.jpg": {
        "writer": "digiKam",
        "keywords": ["Places|France|Paris", "People|Eric Clapton", "concert"],
        "rating": 4,
        "color_label": "Red",
        "people": ["Eric Clapton"],
        "place": [48.8566, 2.3522],
        "taken_at": "2019-07-14T21:30:00",
        "utc_offset_min": 120,
    },
    "lightroom_beach.jpg": {
        "writer": "Lightroom",
        "keywords": ["Places|France|Marseille", "beach"],
        "rating": 5,
        "favourite": True,
        "color_label": "Green",
        "title": "Evening swim",
        "description": "Anna at the beach before sunset",
        "people": ["Anna Weber"],
        "place": [43.2967, 5.37],
        "taken_at": "2021-08-02T18:45:10",
        "utc_offset_min": -240,
    },
    "picasa_family.jpg": {
        "writer": "Picasa",
        "keywords": ["family", "garden"],
        "description": "Sunday lunch",
        "people": ["Anna Weber", "Grandma Rose"],
        "taken_at": "2018-05-20T13:05:00",
    },
    "windows_party.jpg": {
        "writer": "Windows Photo Gallery",
        "keywords": ["Events|Birthday"],
        "rating": 4,
        "people": ["Tom Baker"],
    },
    "rejected.jpg": {
        "writer": "Lightroom (rejected)",
        "keywords": [],
        "rating": None,
        "people": [],
        "place": [-33.8568, -70.6483],
    },
}


def main() -> None:
    """Write every sample file and the manifest."""
    files = {
        "digikam_paris.jpg": _jpeg(
            (200, 80, 60), "2019:07:14 21:30:00", "+02:00", gps=(48.8566, 2.3522)
        ),
        "digikam_paris.jpg.xmp": DIGIKAM.encode(),
        "lightroom_beach.jpg": _jpeg((60, 120, 200)),
        "lightroom_beach.xmp": LIGHTROOM.encode(),
        "picasa_family.jpg": _embed(
            _jpeg((80, 160, 80), "2018:05:20 13:05:00"),
            PICASA,
            {
                "Iptc.Application2.Keywords": ["family", "garden"],
                "Iptc.Application2.Caption": ["Sunday lunch"],
            },
        ),
        "windows_party.jpg": _embed(_jpeg((160, 60, 160)), WINDOWS),
        "rejected.jpg": _jpeg((90, 90, 90), gps=(-33.8568, -70.6483)),
        "rejected.jpg.xmp": REJECTED.encode(),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    (HERE / "manifest.json").write_text(json.dumps(MANIFEST, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
