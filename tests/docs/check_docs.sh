#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The repository explains itself (issue 16):
#  1. every rule code (G…, AP…) the code, the tests or the lesson texts use is defined in a row of
#     docs/python-rules.md ("| G5 | ..."), so a reader can always look a code up;
#  2. nothing points at a document outside the repository: no "../shared/" path, and every
#     upper-case document name (README.md, TRACE_FORMAT.md, ...) mentioned is a file in the tree.
# Prints each offence as file:line and fails when there is one.
#   bash tests/docs/check_docs.sh [SOURCE_DIR]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
areas=(app engine scenarios tests resources/lessons README.md docs)
rules=docs/python-rules.md
failed=0

defined=$(grep -oE '^\| *(G|AP)[0-9]+ *\|' "$rules" | tr -d '| ' | sort -u)
[ -n "$defined" ] || { echo "$rules defines no rule code (rows '| G1 | ...')"; exit 1; }

# Whole words only: G5 and AP11, not QtG5 or AP11x. Binary files (screenshots) are skipped.
{ grep -rnowIE --exclude=check_docs.sh '(G|AP)[0-9]+' "${areas[@]}" | grep -v "^$rules:" || true; } |
  awk -F: -v defined="$defined" -v rules="$rules" '
    BEGIN { n = split(defined, d, "\n"); for (i = 1; i <= n; ++i) ok[d[i]] = 1 }
    !($3 in ok) { print $1 ":" $2 ": rule code " $3 " is not defined in " rules; bad = 1 }
    END { exit bad }' || failed=1

while IFS=: read -r file line _; do
  echo "$file:$line: points outside the repository (../shared)"
  failed=1
done < <(grep -rnIF --exclude=check_docs.sh '../shared' "${areas[@]}" || true)

documents=$(find . -path ./build -prune -o -path ./.git -prune -o -type f -name '*.md' -printf '%f\n' | sort -u)
{ grep -rnowIE --exclude=check_docs.sh '[A-Z][A-Z_]{2,}\.md' "${areas[@]}" || true; } |
  awk -F: -v documents="$documents" '
    BEGIN { n = split(documents, d, "\n"); for (i = 1; i <= n; ++i) ok[d[i]] = 1 }
    !($3 in ok) { print $1 ":" $2 ": " $3 " is not a file in the repository"; bad = 1 }
    END { exit bad }' || failed=1

if [ "$failed" = 0 ]; then
  echo "rule codes used: $(grep -rhowIE --exclude=check_docs.sh '(G|AP)[0-9]+' "${areas[@]}" | sort -u | wc -l), all defined in $rules;" \
    "no reference outside the repository"
fi
exit "$failed"
