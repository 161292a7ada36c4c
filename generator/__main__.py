"""Project commands that run outside a Pelican build: `python -m generator fingerprint ARCHIVE OUT`."""

import sys

from .fingerprint import main as fingerprint

COMMANDS = {"fingerprint": fingerprint}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python -m generator {{{','.join(COMMANDS)}}} ...", file=sys.stderr)
        sys.exit(2)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
