#!/usr/bin/env bash
# Builds the real servers of the end-to-end tests into e2e/servers/bin/ (not committed):
#   bin/jaeger   Jaeger v2, from github.com/jaegertracing/jaeger/cmd/jaeger at the version in go.mod
#   bin/otelcol  the project's OpenTelemetry Collector (otelcol/main.go)
# The binaries are kept in a cache outside the work tree, keyed by go.mod, go.sum, otelcol/main.go,
# this script and the Go version (TRACELENS_SERVERS_CACHE, default ~/.cache/tracelens-servers), so a
# fresh clone on the same machine copies them instead of building; Go's own build cache makes a
# rebuild after a change cheap too. Exit 3: Go is not installed.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/local/go/bin"
if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed (looked in PATH and /usr/local/go/bin): the real servers cannot be built" >&2
  exit 3
fi
key="$(cat go.mod go.sum otelcol/main.go build.sh | sha256sum | cut -c1-16)-$(go env GOVERSION)"
cache="${TRACELENS_SERVERS_CACHE:-$HOME/.cache/tracelens-servers}/$key"
mkdir -p bin
if [ "$(cat bin/.stamp 2>/dev/null)" = "$key" ] && [ -x bin/jaeger ] && [ -x bin/otelcol ]; then
  echo "real servers are up to date (e2e/servers/bin)"
  exit 0
fi
if [ ! -x "$cache/jaeger" ] || [ ! -x "$cache/otelcol" ]; then
  jaeger_version="$(go list -m -f '{{.Version}}' github.com/jaegertracing/jaeger)"
  t0=$SECONDS
  echo "building Jaeger $jaeger_version and the collector (the first build takes long, see README)"
  mkdir -p "$cache.tmp"
  go build -trimpath -o "$cache.tmp/jaeger" \
    -ldflags "-X github.com/jaegertracing/jaeger/internal/version.latestVersion=$jaeger_version" \
    github.com/jaegertracing/jaeger/cmd/jaeger
  go build -trimpath -o "$cache.tmp/otelcol" ./otelcol
  rm -rf "$cache" && mv "$cache.tmp" "$cache"
  echo "built Jaeger and the collector in $((SECONDS - t0)) s"
fi
cp "$cache/jaeger" "$cache/otelcol" bin/
echo "$key" > bin/.stamp
echo "real servers ready: e2e/servers/bin/jaeger, e2e/servers/bin/otelcol"
