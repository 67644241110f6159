"""The consultant's view of an explanation: the whole :class:`~explain.Node`
tree with rule ids and certainty arithmetic, drawn with guide lines and
wrapped to the width (Textual's ``Tree`` cuts long lines off)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from gvc_advisor.engine.explain import Node
from gvc_advisor.tui.text import clean
from gvc_advisor.tui.widgets.picture import wrap_words

STYLE = {"rule": "bold", "because": "italic", "source": "$text-muted", "answer": "$text-success",
         "stated": "$text-success", "unmet": "$text-error", "absent": "$text-muted", "note": "$text-warning",
         "conclusion": "bold $text-primary"}


def tree_lines(node: Node, width: int) -> list[Content]:
    out: list[Content] = []

    def add(n: Node, lead: str, hang: str) -> None:
        style = STYLE.get(n.kind, "")
        room = max(12, width - cell_len(lead))
        for i, part in enumerate(wrap_words(clean(n.label, single_line=True), room)):
            prefix = lead if i == 0 else hang
            out.append(Content.assemble((prefix, "$text-muted"), (part, style)))
        for index, child in enumerate(n.children):
            last = index == len(n.children) - 1
            add(child, hang + ("└─ " if last else "├─ "), hang + ("   " if last else "│  "))

    add(node, "", "")
    return out


class TreeView(Widget):
    DEFAULT_CSS = "TreeView { height: auto; }"

    def __init__(self, node: Node | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.node = node

    def show(self, node: Node) -> None:
        self.node = node
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(tree_lines(self.node, width)) if self.node else 0

    def render(self) -> Content:
        if self.node is None:
            return Content("")
        return Content("\n").join(tree_lines(self.node, self.size.width or 80))
