# Сетевой координатор: a slim image that applies migrations, then runs the bot.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # matplotlib (charts) wants a writable cache; the home of a system user may not exist.
    MPLCONFIGDIR=/tmp/matplotlib \
    DATABASE_URL=sqlite+aiosqlite:////app/data/bot.sqlite3

WORKDIR /app

# The pinned dependencies first, so that a code change does not reinstall them.
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY pyproject.toml alembic.ini README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY services ./services
COPY db ./db
COPY locales ./locales
# `python -m bot` runs from /app, so the sources (and locales/ beside them) are the ones used.
RUN pip install --no-deps . \
    && groupadd --system bot \
    && useradd --system --gid bot --home-dir /app --no-create-home bot \
    && mkdir -p /app/data \
    && chown bot:bot /app/data

USER bot
# The SQLite file (the default database) lives here; mount a volume to keep it.
VOLUME ["/app/data"]
# Only used in webhook mode (WEBHOOK_URL set).
EXPOSE 8080

# `python -m bot` applies pending migrations itself; the explicit step makes a failed
# migration stop the container before the bot answers anyone.
CMD ["sh", "-c", "python -m bot migrate && exec python -m bot"]
