#!/usr/bin/env bash
# Renders every Mermaid file given with mermaid-cli (Mermaid's own parser and renderer, in
# Debian's Chromium) in one run: the files go into one Markdown document, one fenced block
# each. mmdc exits 0 on some failures (text over its size limit draws an error message),
# so the drawn SVGs are checked too.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for file in "$@"; do
  printf '```mermaid\n%s\n```\n\n' "$(cat "$file")" >> "$work/all.md"
done
"$here/node_modules/.bin/mmdc" --quiet -p "$here/puppeteer.json" -i "$work/all.md" -o "$work/out.md" -a "$work"
drawn=$(find "$work" -name 'out-*.svg' | wc -l)
if [ "$drawn" -ne "$#" ]; then
  echo "mermaid-cli drew $drawn of $# diagrams" >&2
  exit 1
fi
if grep -l -E 'Syntax error|Maximum text size|Parse error' "$work"/out-*.svg; then
  echo "mermaid-cli drew an error instead of a diagram" >&2
  exit 1
fi
echo "$# Mermaid diagrams parsed and drawn by mermaid-cli"
