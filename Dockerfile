# syntax=docker/dockerfile:1
# The Discord bot in a small image: `docker build -t jj-season-bot .`, then see "Running the Discord bot" in README.md.

ARG PYTHON_VERSION=3.11

# -- build: dependencies into a virtualenv, in their own layer ------------------------------------
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /build
# Only the dependency list: this layer is rebuilt when pyproject.toml changes, not the source.
COPY pyproject.toml ./
RUN python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; open('requirements.txt', 'w').write('\n'.join(deps) + '\n')" \
 && python -m venv /venv \
 && /venv/bin/pip install --requirement requirements.txt

# -- runtime: the virtualenv, the source and the knowledge, run as a non-root user ---------------
FROM python:${PYTHON_VERSION}-slim AS runtime
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite:////data/bot.sqlite3 \
    KNOWLEDGE_DIR=/app/knowledge \
    JJ_CACHE_DIR=/data/cache \
    HEALTH_HOST=0.0.0.0 \
    HEALTH_PORT=8080
RUN groupadd --system --gid 10001 bot \
 && useradd --system --uid 10001 --gid bot --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin bot \
 && mkdir -p /data \
 && chown bot:bot /data
COPY --from=build /venv /venv
WORKDIR /app
COPY bot/ ./bot/
COPY knowledge/ ./knowledge/
USER bot
# Settings, channel modes and members' progress live here, and the start-up cache (data/cache):
# mount a volume to keep them.
VOLUME ["/data"]
# /healthz: 200 when every shard is connected and the database answers (see README, Health).
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('HEALTH_PORT', '8080'), timeout=4)"]
# `docker stop` sends SIGTERM: the bot closes its connection and database cleanly and exits 0.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
