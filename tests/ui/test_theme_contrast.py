"""Every text is readable in both themes: WCAG contrast >= 4.5 for the palette's text roles and
for every text colour the style sheet sets, on the background it is drawn on."""

from __future__ import annotations

import re

import pytest

from pictopy_desktop.ui import theme
from pictopy_desktop.ui.qt import QPalette

WCAG_NORMAL_TEXT = 4.5
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def _rules(qss: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) for each rule of a style sheet, comments dropped."""
    qss = re.sub(r"/\*.*?\*/", "", qss, flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", qss):
        props = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                props[name.strip()] = value.strip()
        rules.append((" ".join(selector.split()), props))
    return rules


def test_wcag_ratio_matches_known_values() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("name", [theme.LIGHT, theme.DARK])
def test_palette_text_roles_are_readable(qapp, name: str) -> None:
    palette = theme.palette(theme.THEMES[name])
    for fg_role, bg_role in theme.PALETTE_TEXT_ROLES:
        fg = palette.color(getattr(QPalette.ColorRole, fg_role)).name()
        bg = palette.color(getattr(QPalette.ColorRole, bg_role)).name()
        ratio = theme.contrast_ratio(fg, bg)
        assert ratio >= WCAG_NORMAL_TEXT, f"{name}: {fg_role} {fg} on {bg_role} {bg}: {ratio:.2f}"


@pytest.mark.parametrize("name", [theme.LIGHT, theme.DARK])
def test_style_sheet_text_is_readable_on_its_background(name: str) -> None:
    t = theme.THEMES[name]
    pairs = t.text_pairs()
    for where, fg, bg in pairs:
        ratio = theme.contrast_ratio(fg, bg)
        assert ratio >= WCAG_NORMAL_TEXT, f"{name}: {where}: {fg} on {bg}: {ratio:.2f}"
    checked = {fg.lower() for _, fg, _ in pairs}
    qss = theme.style_sheet(t)  # a colour name with no value in the theme fails here
    for selector, props in _rules(qss):
        if ":disabled" in selector:
            continue  # inactive controls are exempt (WCAG 1.4.3)
        color = HEX.search(props.get("color", ""))
        if color is None:
            continue
        # No text colour escapes the pairs above...
        assert color.group().lower() in checked, f"{name}: {selector}: {color.group()} unchecked"
        # ...and where a rule sets its own background, the two are checked together.
        background = HEX.search(props.get("background", props.get("background-color", "")))
        if background is not None:
            ratio = theme.contrast_ratio(color.group(), background.group())
            assert ratio >= WCAG_NORMAL_TEXT, f"{name}: {selector}: {ratio:.2f}"
