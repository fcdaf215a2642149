#!/usr/bin/env bash
# Install what the end-to-end JupyterLab test needs: Debian's chromium and Playwright
# (the Python driver only: the test drives the system browser at /usr/bin/chromium,
# so `playwright install` is never run and no browser is downloaded).
#
#   bash tools/install_e2e.sh && KIT_E2E=1 .venv/bin/python -m pytest -m e2e
#
# Run it as root (or with sudo) on Debian or Ubuntu, from anywhere in the project.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

if ! command -v chromium >/dev/null 2>&1; then
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install -q -e ".[dev,e2e]"

echo "chromium: $(command -v chromium) ($(chromium --version 2>/dev/null || echo 'version unknown'))"
echo "playwright: $(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("playwright"))')"
