"""Post-page fixes to Material's HTML that its configuration cannot make (an MkDocs hook file).

Material's search panel is a `role="dialog"` with no accessible name, which screen readers
announce as an unnamed dialog (axe rule `aria-dialog-name`); it gets the search label.
"""

from __future__ import annotations

import html

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(output: str, label: str) -> str:
    """The page with its search dialog named `label`; unchanged when the theme's markup differs."""
    named = SEARCH_DIALOG.removesuffix(">") + f' aria-label="{html.escape(label)}">'
    return output.replace(SEARCH_DIALOG, named, 1)


def on_post_page(output: str, page, config) -> str:
    return name_search_dialog(output, "Search")
