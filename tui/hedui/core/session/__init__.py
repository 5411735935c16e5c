"""One reviewer's decisions on one report: figure entries, the TOML file format, the decision
log, the journal and background store, session paths and locks, re-anchoring after a report
changes, and reading sessions back.

May use: ``text`` and the shared core modules. Never ``extract`` or ``dataset``.
"""
