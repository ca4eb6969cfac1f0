# Multi-stage build for samenstad: API binary + web front end (WASM).
#
# Build:  docker build -t samenstad .
# Run:    docker compose up   (see docker-compose.yml; needs DATABASE_URL)
#
# BuildKit cache mounts are deliberately not used so that the image also
# builds with the classic builder (e.g. docker-compose v1).

# ---------------------------------------------------------------------------
# Build stage
# ---------------------------------------------------------------------------
FROM rust:1.95-bookworm AS build

# libpq-dev: headers and libpq for linking the Postgres client; brotli: the web
# app's assets are precompressed (scripts/build-web.sh).
# Versions are not pinned: Debian bookworm only ships security/point updates
# and pinning exact versions breaks the build as soon as they are superseded.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev brotli \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# Toolchain (from rust-toolchain.toml, incl. the wasm32 target) and
# wasm-bindgen-cli at exactly the version in Cargo.lock. Kept in its own layer
# so it is only redone when the toolchain file or the lockfile changes.
# wasm-bindgen-cli is installed without --locked on purpose.
COPY rust-toolchain.toml Cargo.lock ./
RUN rustup toolchain install \
 && wbg_version="$(sed -n '/^name = "wasm-bindgen"$/{n;s/version = "\(.*\)"/\1/p}' Cargo.lock)" \
 && test -n "$wbg_version" \
 && cargo install wasm-bindgen-cli --version "$wbg_version" \
 && rm -rf /usr/local/cargo/registry/cache /usr/local/cargo/registry/src

COPY . .

# Web app -> frontend/dist/, then the API binary.
RUN bash scripts/build-web.sh release \
 && test -d frontend/dist \
 && cargo build --release --locked -p samenstad-api \
 && install -D -m 0755 target/release/samenstad /out/samenstad

# ---------------------------------------------------------------------------
# Runtime stage
# ---------------------------------------------------------------------------
FROM debian:bookworm-slim

LABEL org.opencontainers.image.title="samenstad" \
      org.opencontainers.image.licenses="EUPL-1.2"

# libpq5: Postgres client library the binary links against.
# Not version-pinned for the same reason as in the build stage.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 samenstad \
 && useradd --system --uid 10001 --gid samenstad --no-create-home \
      --home-dir /srv/samenstad --shell /usr/sbin/nologin samenstad

COPY --from=build /out/samenstad /usr/local/bin/samenstad
COPY --from=build /src/frontend/dist /srv/samenstad/web

ENV SAMENSTAD_WEB_DIR=/srv/samenstad/web \
    SAMENSTAD_BIND=0.0.0.0:8080

USER 10001:10001
WORKDIR /srv/samenstad
EXPOSE 8080

# DATABASE_URL must be provided at run time. No HEALTHCHECK: the image has no
# HTTP client (curl/wget) and installs nothing beyond libpq5.
CMD ["sh", "-c", "samenstad migrate && samenstad seed && exec samenstad serve"]
