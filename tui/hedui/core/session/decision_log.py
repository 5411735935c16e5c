"""The decision log of a session, and the undo/redo stacks it implies.

Replaying the log rebuilds the stacks exactly, so undo and redo work across a
restart: a decision (accept, reject, flag, correct, add, reset) pushes its seq
on the undo stack and clears the redo stack; ``undo`` moves its ``target`` from
the undo stack to the redo stack, ``redo`` moves it back (records of one ``group`` are
taken back and put back together); a system record
(``reanchor``, ``rules``: the report or the rules changed) clears both.
"""
from __future__ import annotations

from typing import Any

from hedui.core.session.file_format import DECISION_OPS


class DecisionLog:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records: list[dict[str, Any]] = []
        self.by_seq: dict[int, dict[str, Any]] = {}
        self.undo_stack: list[int] = []
        self.redo_stack: list[int] = []
        for rec in records:
            self.add(rec)

    def add(self, rec: dict[str, Any]) -> None:
        """Append a record and apply its effect on the stacks."""
        self.records.append(rec)
        self.by_seq[rec["seq"]] = rec
        op = rec["op"]
        if op in DECISION_OPS:
            self.undo_stack.append(rec["seq"])
            self.redo_stack.clear()
        elif op == "undo" and self.undo_stack and self.undo_stack[-1] == rec.get("target"):
            self.redo_stack.append(self.undo_stack.pop())
        elif op == "redo" and self.redo_stack and self.redo_stack[-1] == rec.get("target"):
            self.undo_stack.append(self.redo_stack.pop())
        else:  # a system change, or a log that does not replay: start afresh
            self.undo_stack.clear()
            self.redo_stack.clear()

    def next_undo(self) -> dict[str, Any] | None:
        """The decision ``undo`` would revert."""
        return self.by_seq[self.undo_stack[-1]] if self.undo_stack else None

    def next_redo(self) -> dict[str, Any] | None:
        return self.by_seq[self.redo_stack[-1]] if self.redo_stack else None

    def next_step(self, op: str) -> list[dict[str, Any]]:
        """The records ``op`` (undo or redo) takes back or puts back, in order: the top of its
        stack, with the records below it of the same ``group`` (decisions made as one step)."""
        stack = self.undo_stack if op == "undo" else self.redo_stack
        out: list[dict[str, Any]] = []
        for seq in reversed(stack):
            rec = self.by_seq[seq]
            if out and (out[0].get("group") is None or rec.get("group") != out[0].get("group")):
                break
            out.append(rec)
        return out

    @property
    def last_seq(self) -> int:
        return self.records[-1]["seq"] if self.records else 0
