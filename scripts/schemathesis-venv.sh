#!/usr/bin/env bash
# Installs the pinned Schemathesis (scripts/schemathesis-requirements.txt) into .venv-schemathesis/ and prints the
# path of its `st`. Once: a copy of the requirements kept in the venv says it is current, so later calls return at
# once; a changed requirements file, or an install that was cut short, builds the venv again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-schemathesis"
requirements="$root/scripts/schemathesis-requirements.txt"
installed="$venv/installed-requirements.txt"

if ! cmp -s "$requirements" "$installed" || [ ! -x "$venv/bin/st" ]; then
  python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Schemathesis needs Python >= 3.11: set PYTHON to one (found: $("$python" --version 2>&1 || echo none))" >&2
    exit 1
  fi
  echo "Installing Schemathesis into $venv ..." >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
  cp "$requirements" "$installed"
fi
echo "$venv/bin/st"
