"""Many sessions at once: the dataset export, session checks, stats, and the evaluation metric
of FIGURES.md (against gold files or against reviewed sessions).

May use: every other core package.
"""
