#!/usr/bin/env bash
# Installs the front-end assets from npm (versions pinned in package-lock.json) and copies the few
# files the pages use into the app's static folder. Nothing from node_modules is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
target=src/wijkregie/core/static/vendor
if [ -f "$target/.stamp" ] && [ "$target/.stamp" -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm ontbreekt; installeren met apt-get" >&2
  ${SUDO:-} apt-get install -y -qq npm >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$target"
# The semantic-HTML styles of the NL Design System component library (EUPL-1.2): ~7 KB gzip,
# against ~32 KB for the whole component bundle.
cp node_modules/@utrecht/component-library-css/dist/html.css "$target/utrecht-html.css"
# htmx (BSD-2-Clause, ~16 KB gzip): forms that update their part of the page (the plan's goals and
# afspraken, the allocation's medewerkers) without a full page load; without it they post as usual.
cp node_modules/htmx.org/dist/htmx.min.js "$target/htmx.min.js"
touch "$target/.stamp"
