"""What other programs wrote about a photo (XMP and IPTC, embedded and in ``.xmp`` sidecars), in and out.

Keywords, ratings, colour labels, titles, captions, named face regions, GPS and the
capture time zone are read while indexing (no models needed) and stored on the photo;
with write-back on, names, keywords, ratings and rotations go out to ``.xmp`` sidecars,
never into the photo itself. Built on python-exiv2 (libexiv2 bundled in its wheels).
No Qt.

- ``file_metadata``: the plain values read (``FileMetadata``, ``NamedRegion``).
- ``xmp_reader``: reading a photo's embedded XMP/IPTC and its sidecars.
- ``face_regions``: MWG and Microsoft face regions, in and out, and their geometry.
- ``store``: putting what was read into the library (``apply_file_metadata``) and
  matching named regions to detected faces.
- ``sidecar_stamps``: noticing that a sidecar changed, so it is read again.
- ``xmp_writer``: writing the library's word back into sidecars, merging.
"""
