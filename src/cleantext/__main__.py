"""``python -m cleantext``: the same as the ``cleantext`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
