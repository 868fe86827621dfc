"""Where to cut a square tile out of a photo so that the faces in it stay whole.

A centre crop of a tall portrait keeps the chest and cuts the head off; a centre crop
of a wide group photo drops the people at the sides. ``face_aware_square`` picks the
square that holds the most face (head and hair included), placing faces a little above
the middle as a photographer would, and falls back to the centre when there are none.
Pure arithmetic, no Qt: the grid, a person's page and Duplicates all paint through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Box = tuple[float, float, float, float]  # x1, y1, x2, y2 in the same pixels as the image size

# A face detector's box runs from the brows to the chin: keep hair above and a bit of neck below.
HEAD_ABOVE = 0.45
HEAD_BELOW = 0.15
HEAD_SIDES = 0.2
# Where a face's centre goes inside a tall tile (0.5 is the middle): a little high, like a portrait.
VERTICAL_ANCHOR = 0.42


def face_aware_square(w: int, h: int, boxes: Iterable[Box]) -> tuple[int, int, int, int]:
    """The square ``(left, top, side, side)`` of a ``w`` x ``h`` image to show as a tile.

    ``boxes`` are face boxes in the image's pixels; boxes outside the image or empty are
    ignored. Without faces the square is centred.
    """
    w, h = int(w), int(h)
    side = min(w, h)
    if side <= 0:
        return 0, 0, max(side, 0), max(side, 0)
    length = max(w, h)
    vertical = h > w
    centre = (length - side) // 2
    if length == side:
        return 0, 0, side, side
    heads = _heads(w, h, boxes, vertical)
    if not heads:
        return _rect(centre, side, vertical)
    offset = _best_offset(heads, side, length, vertical)
    return _rect(offset, side, vertical)


def _heads(
    w: int, h: int, boxes: Iterable[Box], vertical: bool
) -> list[tuple[float, float, float]]:
    """Each face's extent along the long axis, with hair and chin, and its weight (area)."""
    heads = []
    for box in boxes:
        x1, y1, x2, y2 = (float(v) for v in box)
        x1, x2 = max(0.0, min(x1, x2)), min(float(w), max(x1, x2))
        y1, y2 = max(0.0, min(y1, y2)), min(float(h), max(y1, y2))
        bw, bh = x2 - x1, y2 - y1
        if bw <= 0 or bh <= 0:
            continue
        if vertical:
            lo, hi = y1 - HEAD_ABOVE * bh, y2 + HEAD_BELOW * bh
        else:
            lo, hi = x1 - HEAD_SIDES * bw, x2 + HEAD_SIDES * bw
        limit = float(h if vertical else w)
        heads.append((max(0.0, lo), min(limit, hi), bw * bh))
    return heads


def _ideal(heads: Sequence[tuple[float, float, float]], side: int, vertical: bool) -> float:
    """The offset that frames ``heads`` best: centred across, a little high when tall."""
    lo = min(hd[0] for hd in heads)
    hi = max(hd[1] for hd in heads)
    anchor = VERTICAL_ANCHOR if vertical else 0.5
    return (lo + hi) / 2 - side * anchor


def _best_offset(
    heads: list[tuple[float, float, float]], side: int, length: int, vertical: bool
) -> int:
    """The offset whose square holds the most face area; ties go to the best-framed one."""
    top = length - side

    def clamp(v: float) -> float:
        return min(max(v, 0.0), float(top))

    candidates = {clamp(_ideal(heads, side, vertical))}
    for lo, hi, _ in heads:
        candidates.add(clamp(hi - side))
        candidates.add(clamp(lo))
        candidates.add(clamp(_ideal([(lo, hi, 0.0)], side, vertical)))

    def inside(offset: float) -> list[tuple[float, float, float]]:
        return [hd for hd in heads if hd[0] >= offset - 0.5 and hd[1] <= offset + side + 0.5]

    best: tuple[float, list] | None = None
    for offset in sorted(candidates):
        held = inside(offset)
        score = sum(hd[2] for hd in held)
        if best is None or score > best[0]:
            best = (score, held)
    assert best is not None
    held = best[1]
    if not held:  # a face larger than the tile: centre on the largest one
        biggest = max(heads, key=lambda hd: hd[2])
        return round(clamp((biggest[0] + biggest[1]) / 2 - side / 2))
    # Frame the faces kept, without letting any of them slip out of the square.
    low = max(hd[1] for hd in held) - side
    high = min(hd[0] for hd in held)
    offset = min(max(_ideal(held, side, vertical), low), high)
    return round(clamp(offset))


def _rect(offset: int, side: int, vertical: bool) -> tuple[int, int, int, int]:
    return (0, offset, side, side) if vertical else (offset, 0, side, side)


def scale_boxes(boxes: Iterable[Box], sx: float, sy: float) -> list[Box]:
    """``boxes`` scaled by ``sx`` across and ``sy`` down (full-size pixels to a thumbnail's)."""
    return [(x1 * sx, y1 * sy, x2 * sx, y2 * sy) for x1, y1, x2, y2 in boxes]
