"""The application file for ``spark-submit``: ``spark-submit [options] submit.py INPUT...
--output DIR`` runs ``communique batch --engine spark`` on the master and resources that
spark-submit gives (docs/cluster.md). spark-submit needs a Python file, not a console
script, hence this file."""

from __future__ import annotations

import sys

from communique.cli import app


def main(arguments: list[str] | None = None) -> None:
    app(["batch", "--engine", "spark", *(sys.argv[1:] if arguments is None else arguments)], prog_name="communique")


if __name__ == "__main__":
    main()
