"""The derivation tree of a fact, recommendation or warning (or why not)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode

from gvc_advisor.engine.explain import Node, explain

STYLE = {"rule": "bold", "because": "italic", "source": "dim", "answer": "green", "stated": "green",
         "unmet": "red", "absent": "dim", "note": "yellow", "conclusion": "bold cyan"}


def fill(tree_node: TreeNode, node: Node) -> None:
    """Plain Text labels: knowledge-base text (e.g. "[cf 0.70]") is never read as markup."""
    for child in node.children:
        label = Text(child.label, style=STYLE.get(child.kind, ""))
        if child.children:
            branch = tree_node.add(label, data=child, expand=child.kind in ("rule", "conclusion"))
            fill(branch, child)
        else:
            tree_node.add_leaf(label, data=child)


class ExplanationScreen(Screen):
    BINDINGS = [("escape,b", "app.pop_screen", "Back"), ("e", "expand_all", "Expand all")]

    def __init__(self, target: str, node: Node | None = None) -> None:
        super().__init__()
        self.target = target
        self.node = node

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("How this was concluded: rules (with their reasons and sources), down to your answers.",
                     classes="title")
        yield Tree("", id="explanation")
        yield Static("", id="node-detail")
        yield Footer()

    def on_mount(self) -> None:
        node = self.node or explain(self.app.kb, self.app.interview.consultation, self.target)
        tree = self.query_one("#explanation", Tree)
        tree.root.set_label(Text(node.label, style=STYLE["conclusion"]))
        tree.root.data = node
        fill(tree.root, node)
        tree.root.expand()
        tree.focus()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        """Show the whole text of the highlighted line (the tree cuts long lines)."""
        node = event.node.data
        self.query_one("#node-detail", Static).update(Text(node.label if node else ""))

    def action_expand_all(self) -> None:
        self.query_one("#explanation", Tree).root.expand_all()
