"""Project commands that run outside a Pelican build.

    python -m generator fingerprint ARCHIVE OUT   write the source fingerprint (make fingerprint)
    python -m generator port-free PORT            fail with a clear line if 127.0.0.1:PORT is taken
"""

import socket
import sys

from .data.fingerprint import main as fingerprint


def port_free(argv: list[str]) -> int:
    """Pelican's server logs a busy port and exits 0; make serve and devserver ask here first."""
    port = int(argv[0])
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Pelican's server binds
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            print(f"port {port} on 127.0.0.1 is already in use (another `make serve` or `make devserver`?): "
                  f"stop that one with Ctrl+C, or pick another port, e.g. make serve PORT={port + 1}",
                  file=sys.stderr)  # fmt: skip
            return 1
    return 0


COMMANDS = {"fingerprint": fingerprint, "port-free": port_free}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
