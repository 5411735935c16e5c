"""Figures from a report: candidates (numbers grown into figures), the per-report context
(sentences, clauses, quantities, time phrases), labels, periods and their alternatives, tables, the viewer that hands
the extractor its views and contexts, and the extractor itself.

May use: ``numbers``, ``text`` and the shared core modules. Never ``session`` or ``dataset``.
"""
