#!/usr/bin/env bash
# Office tests: a real spreadsheet engine (LibreOffice) opens the .xlsx template and the .docx report.
# Run after `npm test` (the CI runs it from .ci/run). Needs LibreOffice:
#   Debian / Ubuntu: sudo apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui
set -euo pipefail
cd "$(dirname "$0")/.."

found=""
for candidate in "${SOFFICE:-}" soffice libreoffice; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then found="$candidate"; break; fi
done
if [ -z "$found" ]; then
  cat >&2 <<'MSG'
npm run test:office: LibreOffice is not installed, so the office tests cannot run.
Install it, then run again:
  Debian / Ubuntu: sudo apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui
  macOS:           brew install --cask libreoffice
(or set SOFFICE=/path/to/soffice)
MSG
  exit 1
fi
export SOFFICE="$found"
echo "Office tests with $("$found" --version 2>/dev/null | head -n 1)"
# The regular jest run leaves test/office out; here only test/office runs.
exec npx jest --runInBand --testPathIgnorePatterns '/node_modules/' --roots '<rootDir>/test/office' "$@"
