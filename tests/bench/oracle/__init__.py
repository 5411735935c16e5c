"""The oracle curator: the real app, driven with Pilot at 80x24, taken to the gold by the
cheapest keys it offers a person who knows the answer (issue 10's benchmark).

``python -m tests.bench.oracle GOLD_DIR REPORT...`` prints the keys per gold figure and their
split, and checks that ``hedui export`` then equals the gold on every required figure.

- ``plan``: which proposed figure becomes which gold figure (the FIGURES.md matching), which
  are rejected, which gold figures must be promoted or added, and the fields each needs;
- ``driver``: presses keys one at a time, counts them by kind, and refuses any key the app's
  help does not list for the moment (or that a form's own help line does not show);
- ``fields``: the cheapest way the app offers to set a figure's fields;
- ``textpick``: the cheapest pick from the report's text (words, characters, two parts joined);
- ``walk``: one report, figure by figure, in the order of the text;
- ``verify``: the export against the gold; ``run``: many reports and the figures printed.
"""
