"""Where the process's logging is set up: the level from LOG_LEVEL and the libraries that
would drown the bot's own lines."""

from __future__ import annotations

import logging

# fontTools subsets the certificate's font and reports every table it touches at INFO: about
# 38 lines per certificate, none of them ours. Its warnings still show.
QUIET_LIBRARIES = ("fontTools",)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    if level.upper() == "INFO":
        # The delivery tick runs every second; APScheduler would log two lines for each run.
        logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
