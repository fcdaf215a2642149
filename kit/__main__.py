"""``python -m kit``: the kit's command line (see ``python -m kit --help``)."""
from kit.cli import main

raise SystemExit(main())
