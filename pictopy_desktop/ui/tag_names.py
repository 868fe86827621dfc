"""The names of the things the object detector finds, in the app's language.

The detector's model names its classes in English (its metadata: COCO's 80, for the shipped
YOLOv8); the library stores those names, and search matches them. Shown to the user, each goes
through this catalogue; a class a custom model adds that is not here shows as the model names it.
"""

from __future__ import annotations

from pictopy_desktop.ui.qt import QT_TRANSLATE_NOOP
from pictopy_desktop.ui.translations import translate

COCO_NAMES = (
    QT_TRANSLATE_NOOP("pictopy", "person"),
    QT_TRANSLATE_NOOP("pictopy", "bicycle"),
    QT_TRANSLATE_NOOP("pictopy", "car"),
    QT_TRANSLATE_NOOP("pictopy", "motorcycle"),
    QT_TRANSLATE_NOOP("pictopy", "airplane"),
    QT_TRANSLATE_NOOP("pictopy", "bus"),
    QT_TRANSLATE_NOOP("pictopy", "train"),
    QT_TRANSLATE_NOOP("pictopy", "truck"),
    QT_TRANSLATE_NOOP("pictopy", "boat"),
    QT_TRANSLATE_NOOP("pictopy", "traffic light"),
    QT_TRANSLATE_NOOP("pictopy", "fire hydrant"),
    QT_TRANSLATE_NOOP("pictopy", "stop sign"),
    QT_TRANSLATE_NOOP("pictopy", "parking meter"),
    QT_TRANSLATE_NOOP("pictopy", "bench"),
    QT_TRANSLATE_NOOP("pictopy", "bird"),
    QT_TRANSLATE_NOOP("pictopy", "cat"),
    QT_TRANSLATE_NOOP("pictopy", "dog"),
    QT_TRANSLATE_NOOP("pictopy", "horse"),
    QT_TRANSLATE_NOOP("pictopy", "sheep"),
    QT_TRANSLATE_NOOP("pictopy", "cow"),
    QT_TRANSLATE_NOOP("pictopy", "elephant"),
    QT_TRANSLATE_NOOP("pictopy", "bear"),
    QT_TRANSLATE_NOOP("pictopy", "zebra"),
    QT_TRANSLATE_NOOP("pictopy", "giraffe"),
    QT_TRANSLATE_NOOP("pictopy", "backpack"),
    QT_TRANSLATE_NOOP("pictopy", "umbrella"),
    QT_TRANSLATE_NOOP("pictopy", "handbag"),
    QT_TRANSLATE_NOOP("pictopy", "tie"),
    QT_TRANSLATE_NOOP("pictopy", "suitcase"),
    QT_TRANSLATE_NOOP("pictopy", "frisbee"),
    QT_TRANSLATE_NOOP("pictopy", "skis"),
    QT_TRANSLATE_NOOP("pictopy", "snowboard"),
    QT_TRANSLATE_NOOP("pictopy", "sports ball"),
    QT_TRANSLATE_NOOP("pictopy", "kite"),
    QT_TRANSLATE_NOOP("pictopy", "baseball bat"),
    QT_TRANSLATE_NOOP("pictopy", "baseball glove"),
    QT_TRANSLATE_NOOP("pictopy", "skateboard"),
    QT_TRANSLATE_NOOP("pictopy", "surfboard"),
    QT_TRANSLATE_NOOP("pictopy", "tennis racket"),
    QT_TRANSLATE_NOOP("pictopy", "bottle"),
    QT_TRANSLATE_NOOP("pictopy", "wine glass"),
    QT_TRANSLATE_NOOP("pictopy", "cup"),
    QT_TRANSLATE_NOOP("pictopy", "fork"),
    QT_TRANSLATE_NOOP("pictopy", "knife"),
    QT_TRANSLATE_NOOP("pictopy", "spoon"),
    QT_TRANSLATE_NOOP("pictopy", "bowl"),
    QT_TRANSLATE_NOOP("pictopy", "banana"),
    QT_TRANSLATE_NOOP("pictopy", "apple"),
    QT_TRANSLATE_NOOP("pictopy", "sandwich"),
    QT_TRANSLATE_NOOP("pictopy", "orange"),
    QT_TRANSLATE_NOOP("pictopy", "broccoli"),
    QT_TRANSLATE_NOOP("pictopy", "carrot"),
    QT_TRANSLATE_NOOP("pictopy", "hot dog"),
    QT_TRANSLATE_NOOP("pictopy", "pizza"),
    QT_TRANSLATE_NOOP("pictopy", "donut"),
    QT_TRANSLATE_NOOP("pictopy", "cake"),
    QT_TRANSLATE_NOOP("pictopy", "chair"),
    QT_TRANSLATE_NOOP("pictopy", "couch"),
    QT_TRANSLATE_NOOP("pictopy", "potted plant"),
    QT_TRANSLATE_NOOP("pictopy", "bed"),
    QT_TRANSLATE_NOOP("pictopy", "dining table"),
    QT_TRANSLATE_NOOP("pictopy", "toilet"),
    QT_TRANSLATE_NOOP("pictopy", "tv"),
    QT_TRANSLATE_NOOP("pictopy", "laptop"),
    QT_TRANSLATE_NOOP("pictopy", "mouse"),
    QT_TRANSLATE_NOOP("pictopy", "remote"),
    QT_TRANSLATE_NOOP("pictopy", "keyboard"),
    QT_TRANSLATE_NOOP("pictopy", "cell phone"),
    QT_TRANSLATE_NOOP("pictopy", "microwave"),
    QT_TRANSLATE_NOOP("pictopy", "oven"),
    QT_TRANSLATE_NOOP("pictopy", "toaster"),
    QT_TRANSLATE_NOOP("pictopy", "sink"),
    QT_TRANSLATE_NOOP("pictopy", "refrigerator"),
    QT_TRANSLATE_NOOP("pictopy", "book"),
    QT_TRANSLATE_NOOP("pictopy", "clock"),
    QT_TRANSLATE_NOOP("pictopy", "vase"),
    QT_TRANSLATE_NOOP("pictopy", "scissors"),
    QT_TRANSLATE_NOOP("pictopy", "teddy bear"),
    QT_TRANSLATE_NOOP("pictopy", "hair drier"),
    QT_TRANSLATE_NOOP("pictopy", "toothbrush"),
)


def tag_name(label: str) -> str:
    """``label`` (a class name the detector stored) as the user reads it."""
    return translate("pictopy", label)


def tag_title(label: str) -> str:
    """``label`` as a title: translated, first letter upper case ("Dog", "Hund")."""
    shown = tag_name(label)
    return shown[:1].upper() + shown[1:]
