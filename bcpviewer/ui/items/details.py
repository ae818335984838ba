"""The Details panel: a read-only view of the selected action or event (the page itself is built in
``details_page``); links open only after asking, Home and End scroll the page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from bcpviewer.model.annotations import Annotation
from bcpviewer.model.disagreements import Disagreement
from bcpviewer.model.records import Action, Dataset, Source
from bcpviewer.plots import style
from bcpviewer.ui.analyses.links import open_link
from bcpviewer.ui.items.details_page import CSS, LINK, Page, find_record

EMPTY = (
    "<p style='color:{muted}'>Select an action or event on the timeline or in the Actions and Events "
    "tables to see all of its details here.</p>"
)


class DetailsView(QTextBrowser):
    """A read-only page about one item; links open only after open_link has asked the user."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details_view")
        self.setAccessibleName("Details of the selected item")
        self.setAccessibleDescription("Every field of the selected action or event, its source and problems")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(CSS.format(muted=style.MUTED))
        self.document().setDocumentMargin(10)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._links: list[str] = []
        self._key: str | None = None
        self._disagreements: tuple[Disagreement, ...] = ()
        self._sources: dict[str, Source] = {}
        self._shown: tuple[Dataset, date | None, tuple[Annotation, ...]] | None = None
        self.against_today = False  # overdue counted against today, not the tracker's date
        self.clear_item()

    def sizeHint(self) -> QSize:
        """Wide enough for a label column and a readable line of text beside it."""
        char = self.fontMetrics().averageCharWidth()
        return QSize(62 * char, super().sizeHint().height())

    @property
    def key(self) -> str | None:
        """The item key shown, or None when nothing is."""
        return self._key

    @property
    def links(self) -> tuple[str, ...]:
        """The addresses shown as links, in page order."""
        return tuple(self._links)

    def clear_item(self) -> None:
        self._key = None
        self._links = []
        self._shown = None
        self.setHtml(EMPTY.format(muted=style.MUTED))

    def set_disagreements(self, items: Sequence[Disagreement], sources: Mapping[str, Source]) -> None:
        """Records that disagree (with the sources they cite), shown beside the item they concern;
        the page shown is redrawn."""
        self._disagreements = tuple(items)
        self._sources = dict(sources)
        if self._key is not None and self._shown is not None:
            dataset, as_of, annotations = self._shown
            bar = self.verticalScrollBar().value()
            self.show_item(dataset, self._key, as_of, annotations)
            self.verticalScrollBar().setValue(bar)

    def show_item(self, dataset: Dataset, key: str | None, as_of: date | None = None,
                  annotations: Sequence[Annotation] = ()) -> None:
        """Show item ``key`` and its ``annotations`` (cleared when ``key`` is not in ``dataset``)."""
        record = find_record(dataset, key) if key else None
        if record is None:
            self.clear_item()
            return
        self._key = key
        self._links = []
        self._shown = (dataset, as_of, tuple(annotations))
        page = Page(dataset, self._links, as_of or date.today(), self._disagreements, self._sources,
                    against_today=self.against_today)
        body = page.action(record) if isinstance(record, Action) else page.event(record)
        head, sep, rest = body.partition("</table>")  # the notes go right under the main fields
        self.setHtml(head + sep + page.annotations(annotations) + rest)

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(LINK) and text[len(LINK):].isdigit():
            index = int(text[len(LINK):])
            if index < len(self._links):
                open_link(self, self._links[index])

    def event(self, event: QEvent) -> bool:
        # Home and End scroll this page rather than firing the window's Zoom to fit shortcut.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) and not event.modifiers():
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home and not event.modifiers():
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End and not event.modifiers():
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)
