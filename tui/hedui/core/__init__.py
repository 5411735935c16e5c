"""The headless core of hedui: never imports textual (an import-linter contract and a test say so).

The pipeline, each package above the ones it may use::

    dataset/   many sessions at once: export, check, stats, evaluate
    session/   one reviewer's decisions on one report       extract/   figures from a report
    numbers/   the number grammar                           text/      bytes to a report

Shared by all of them: ``model`` (the dataclasses), ``rules`` (reading rule files) and
``textfile`` (UTF-8 config and TOML files with file:line errors).
"""
