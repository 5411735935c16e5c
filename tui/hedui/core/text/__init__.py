"""Bytes to a report: decoding (UTF-8, UTF-16, GB18030, Big5), the artefacts (pinyin garbage,
page furniture, repeated paragraphs) and their rules, and the simplified (t2s) view with its
exact offset map back to the original text.

May use: the shared core modules (model, rules, textfile). Nothing above it.
"""
