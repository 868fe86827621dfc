"""Light and dark themes: one set of named colours feeds both the Qt palette and the style sheet.

Painted items (grid tiles, month headers, people) take their colours from the palette and
widgets from the style sheet; both come from the same ``Theme``, so text is readable on
its background in either theme. "System" follows the platform's colour scheme
(``QStyleHints.colorScheme``, Qt 6.5+) and changes with it.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from string import Template

from pictopy_desktop import paths
from pictopy_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QApplication,
    QColor,
    QGuiApplication,
    QPalette,
    Qt,
)

log = logging.getLogger(__name__)

SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)
CHOICE_LABELS = {
    SYSTEM: QT_TRANSLATE_NOOP("pictopy", "System"),
    LIGHT: QT_TRANSLATE_NOOP("pictopy", "Light"),
    DARK: QT_TRANSLATE_NOOP("pictopy", "Dark"),
}  # translated where shown


@dataclass(frozen=True)
class Theme:
    """The colours of one theme, by what they are for (hex ``#rrggbb``)."""

    name: str
    window: str  # pages, grids, dialogs
    surface: str  # cards, text fields, buttons
    sidebar: str  # sidebar and status bar
    border: str
    hover: str
    field: str  # the search field at rest
    text: str  # titles and body text
    body: str  # secondary body text (sidebar items, status)
    muted: str  # subtitles, hints, empty states
    accent: str  # links, button text, focus
    on_accent: str  # text on an accent background (the primary button)
    selection: str  # selected sidebar item, checked tool button
    on_selection: str
    warn_bg: str  # the models panel while models are missing
    warn_border: str
    ok_bg: str  # the models panel when models are ready
    ok_border: str
    disabled: str  # disabled button text (inactive controls: exempt from contrast rules)
    icon: str  # icons drawn from the shipped SVGs

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(where, text colour, background) for every text colour the style sheet and the
        palette use; the contrast test checks each."""
        return [
            ("page title and text", self.text, self.window),
            ("text on cards", self.text, self.surface),
            ("secondary text", self.body, self.window),
            ("sidebar items", self.body, self.sidebar),
            ("sidebar hover", self.body, self.hover),
            ("status bar", self.body, self.sidebar),
            ("status bar muted", self.muted, self.sidebar),
            ("subtitles and hints", self.muted, self.window),
            ("hints on cards", self.muted, self.surface),
            ("search field", self.text, self.field),
            ("links and buttons", self.accent, self.surface),
            ("links on pages", self.accent, self.window),
            ("button hover", self.accent, self.hover),
            ("primary button", self.on_accent, self.accent),
            ("selected item", self.on_selection, self.selection),
            ("models missing", self.text, self.warn_bg),
            ("models ready", self.text, self.ok_bg),
            *FIXED_TEXT_PAIRS,
        ]


# The viewer and the notifications are dark in both themes (photos look best on dark);
# their colours are fixed in style.qss and checked like the theme's.
FIXED_TEXT_PAIRS = [
    ("notification", "#f1f3f4", "#303134"),
    ("error notification", "#f1f3f4", "#8c1d18"),
    ("warning notification", "#f1f3f4", "#5f4b00"),
    ("notification button", "#d2e3fc", "#303134"),
    ("error notification button", "#d2e3fc", "#8c1d18"),
    ("warning notification button", "#d2e3fc", "#5f4b00"),
    ("viewer bar", "#e8eaed", "#1f2124"),
    ("viewer bar hover", "#e8eaed", "#3c4043"),
    ("viewer bar checked", "#d3e3fd", "#394457"),
    ("info panel key", "#9aa0a6", "#1f2124"),
    ("info panel value", "#e8eaed", "#1f2124"),
    ("info panel link", "#8ab4f8", "#1f2124"),
]


LIGHT_THEME = Theme(
    name=LIGHT,
    window="#ffffff",
    surface="#ffffff",
    sidebar="#f6f8fb",
    border="#dadce0",
    hover="#eceff4",
    field="#f1f3f4",
    text="#202124",
    body="#3c4043",
    muted="#5f6368",
    accent="#1967d2",
    on_accent="#ffffff",
    selection="#d3e3fd",
    on_selection="#0b57d0",
    warn_bg="#fef7e0",
    warn_border="#fbe3a1",
    ok_bg="#e6f4ea",
    ok_border="#b7dfc1",
    disabled="#a0a4a8",
    icon="#5f6368",
)

DARK_THEME = Theme(
    name=DARK,
    window="#1b1c1e",
    surface="#26282b",
    sidebar="#202124",
    border="#3c4043",
    hover="#303236",
    field="#2d2f33",
    text="#e8eaed",
    body="#d2d5d9",
    muted="#a8adb3",
    accent="#8ab4f8",
    on_accent="#202124",
    selection="#394457",
    on_selection="#d3e3fd",
    warn_bg="#3b3222",
    warn_border="#6b5a2a",
    ok_bg="#1f3326",
    ok_border="#35573f",
    disabled="#6f7377",
    icon="#c4c7c5",
)

THEMES = {LIGHT: LIGHT_THEME, DARK: DARK_THEME}


# ------------------------------------------------------------------ contrast (WCAG 2)


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    q = QColor(color)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21; normal text needs at least 4.5."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


# ------------------------------------------------------------------ palette and style sheet


def palette(theme: Theme) -> QPalette:
    """A Fusion palette in the theme's colours (what painted items use)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, theme.window),
        (roles.WindowText, theme.text),
        (roles.Base, theme.window),
        (roles.AlternateBase, theme.field),
        (roles.Text, theme.text),
        (roles.PlaceholderText, theme.muted),
        (roles.Button, theme.surface),
        (roles.ButtonText, theme.text),
        (roles.BrightText, theme.on_accent),
        (roles.Highlight, theme.accent),
        (roles.HighlightedText, theme.on_accent),
        (roles.Link, theme.accent),
        (roles.LinkVisited, theme.accent),
        (roles.ToolTipBase, theme.surface),
        (roles.ToolTipText, theme.text),
        (roles.Light, theme.surface),
        (roles.Midlight, theme.hover),
        (roles.Mid, theme.border),
        (roles.Dark, theme.border),
        (roles.Shadow, theme.border),
    ):
        p.setColor(role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled))
    return p


PALETTE_TEXT_ROLES = (
    ("WindowText", "Window"),
    ("Text", "Base"),
    ("Text", "AlternateBase"),
    ("PlaceholderText", "Base"),
    ("PlaceholderText", "AlternateBase"),
    ("ButtonText", "Button"),
    ("HighlightedText", "Highlight"),
    ("Link", "Base"),
    ("ToolTipText", "ToolTipBase"),
)


def style_sheet(theme: Theme) -> str:
    """``resources/style.qss`` with the theme's colours filled in (``$window``, ``$text``…)."""
    template = (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")
    return Template(template).substitute(asdict(theme))


# ------------------------------------------------------------------ choosing


def system_theme() -> Theme:
    """The platform's scheme; light where it says nothing."""
    if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return DARK_THEME
    return LIGHT_THEME


def resolve(choice: str) -> Theme:
    """The theme for a choice (``system``, ``light`` or ``dark``; anything else: system)."""
    return THEMES.get(choice) or system_theme()


_current: Theme = LIGHT_THEME


def current() -> Theme:
    """The theme applied last (light before any)."""
    return _current


def apply(app: QApplication, choice: str) -> Theme:
    """Paint the whole app in the theme ``choice`` stands for; returns it."""
    global _current
    theme = resolve(choice)
    sheet = style_sheet(theme)
    if theme is _current and app.styleSheet() == sheet:
        # Applied already (the window applies the chosen theme at start, most often the one
        # create_app applied): setting it again re-polishes every widget, for nothing.
        return theme
    _current = theme
    app.setPalette(palette(theme))
    app.setStyleSheet(sheet)
    log.debug("theme %s (chosen: %s)", theme.name, choice)
    return theme
