"""The number grammar: numerals (Chinese, Arabic, mixed, scales, ranges) with exact values,
the fast rule scanner, and the unit, qualifier and exclusion rules that turn a number into a
quantity or mark it excluded.

May use: the shared core modules and ``text`` (character classes). Nothing above it.
"""
