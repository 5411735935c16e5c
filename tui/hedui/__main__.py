from hedui.cli import script

script()
