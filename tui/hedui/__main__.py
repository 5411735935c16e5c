import sys

from hedui.cli import main

sys.exit(main())
