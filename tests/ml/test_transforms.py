"""Pure transforms, tested on arrays."""

from __future__ import annotations

import numpy as np
import pytest

from pictopy_desktop.ml import transforms as T


def test_letterbox_pads_with_114_and_keeps_aspect() -> None:
    img = np.full((100, 200, 3), 7, np.uint8)
    out, lb = T.letterbox(img, (640, 640))
    assert out.shape == (640, 640, 3)
    assert lb.scale == pytest.approx(3.2)
    assert (lb.pad_x, lb.pad_y) == (0.0, 160.0)
    assert (out[:160] == 114).all() and (out[-160:] == 114).all()
    assert (out[160:480] == 7).all()


def test_scale_boxes_back_inverts_letterbox_and_clips() -> None:
    lb = T.Letterbox(scale=2.0, pad_x=10.0, pad_y=20.0)
    boxes = np.array([[30, 40, 110, 220], [0, 0, 2000, 2000]], np.float32)
    back = T.scale_boxes_back(boxes, lb, (150, 300, 3))
    np.testing.assert_allclose(back[0], [10, 10, 50, 100])
    np.testing.assert_allclose(back[1], [0, 0, 300, 150])  # clipped to the image


def test_letterbox_round_trip_of_a_point() -> None:
    img = np.zeros((480, 270, 3), np.uint8)
    _, lb = T.letterbox(img, (640, 640))
    p = np.array([[100.0, 200.0]], np.float32)
    moved = p * lb.scale + [lb.pad_x, lb.pad_y]
    np.testing.assert_allclose(T.scale_points_back(moved, lb), p, atol=1e-4)


def test_xywh_to_xyxy() -> None:
    np.testing.assert_allclose(T.xywh_to_xyxy(np.array([[10, 20, 4, 6]])), [[8, 17, 12, 23]])


def test_nms_is_class_aware() -> None:
    boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [0, 0, 10, 10], [50, 50, 60, 60]], np.float32)
    scores = np.array([0.9, 0.8, 0.7, 0.6], np.float32)
    # without classes the three overlapping boxes collapse into one
    assert T.nms(boxes, scores, 0.5).tolist() == [0, 3]
    # a different class on the same spot survives
    assert T.nms(boxes, scores, 0.5, np.array([0, 0, 1, 0])).tolist() == [0, 2, 3]
    assert T.nms(np.zeros((0, 4)), np.zeros(0), 0.5).tolist() == []


def test_similarity_transform_recovers_a_known_similarity() -> None:
    angle, scale, shift = np.deg2rad(20), 1.7, np.array([5.0, -3.0])
    rot = scale * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    src = T.ARCFACE_TEMPLATE_112.astype(np.float64)
    dst = src @ rot.T + shift
    m = T.similarity_transform(src, dst)
    np.testing.assert_allclose(m[:, :2], rot, atol=1e-4)
    np.testing.assert_allclose(m[:, 2], shift, atol=1e-3)


def test_align_face_puts_landmarks_on_the_template() -> None:
    img = np.zeros((400, 400, 3), np.uint8)
    # landmarks = template scaled x2 and shifted: the aligned crop must undo exactly that
    lm = T.ARCFACE_TEMPLATE_112 * 2 + 100
    for x, y in lm.astype(int):
        img[y - 1 : y + 2, x - 1 : x + 2] = 255
    crop = T.align_face(img, lm, 112)
    assert crop.shape == (112, 112, 3)
    for x, y in T.ARCFACE_TEMPLATE_112.round().astype(int):
        assert crop[y, x].max() > 100
    crop160 = T.align_face(img, lm, 160)
    for x, y in T.face_template(160).round().astype(int):
        assert crop160[y, x].max() > 100


def test_similarity_transform_rejects_degenerate_points() -> None:
    with pytest.raises(ValueError):
        T.similarity_transform(np.zeros((5, 2)), T.ARCFACE_TEMPLATE_112)


def test_margin_crop_is_square_padded_and_centred() -> None:
    img = np.zeros((100, 100, 3), np.uint8)
    img[40:60, 40:60] = 200
    crop = T.margin_crop(img, (40, 40, 60, 60), 112, margin=0.5)
    assert crop.shape == (112, 112, 3)
    # the 20px box grown by 50% per side spans 40px: the box is the middle half
    assert crop[56, 56, 0] == 200 and crop[5, 5, 0] == 0
    edge = T.margin_crop(img, (0, 0, 20, 20), 64)  # outside the image is black, not stretched
    assert edge[0, 0, 0] == 0


def test_normalisations() -> None:
    px = np.array([[[[0, 127, 255]]]], np.uint8)
    imagenet = T.normalize_imagenet(px)
    np.testing.assert_allclose(
        imagenet[0, 0, 0],
        (np.array([0, 127, 255]) / 255 - T.IMAGENET_MEAN) / T.IMAGENET_STD,
        rtol=1e-5,
    )
    np.testing.assert_allclose(
        T.normalize_facenet(px)[0, 0, 0], [-127.5 / 128, -0.5 / 128, 127.5 / 128]
    )
    assert imagenet.dtype == np.float32
    assert T.to_nchw(np.zeros((2, 4, 5, 3))).shape == (2, 3, 4, 5)


def test_l2_normalize() -> None:
    v = T.l2_normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(v[0], [0.6, 0.8])
    assert np.isfinite(v).all() and v.dtype == np.float32
