#!/bin/sh
# tests/book_isolation.sh BUILD: a reader's run never changes the book.
#
# Exercise 1 of chapter 1 has the reader run
#     build/chapters/01_sigmoid_1d --only classify --w 2 --b 3
# which draws into figures/01_sigmoid_1d/. The book must still show the
# book's own run (w = 1, b = 0) after any rebuild, such as the one that
# touching book/preface.md sets off. This does exactly that, in a copy of
# the workbook with its build (so that nothing here is disturbed), and
# checks that every page, figure and the PDF are the same bytes as before.
set -eu
build=${1:-build}
# The PDF's date is that of the last commit: the same in the copy.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
export SOURCE_DATE_EPOCH
copy=$(mktemp -d /tmp/wb-isolation-XXXXXX)
trap 'rm -rf "$copy"' EXIT INT TERM
fail() { echo "book_isolation: $*"; exit 1; }

# The sources, the build (without the sanitized one) and the book, with
# their times, so that make finds everything up to date.
git ls-files --cached --others --exclude-standard | while read -r f; do
    if [ -e "$f" ]; then cp -a --parents "$f" "$copy"; fi
done
mkdir -p "$copy/$build" "$copy/book"
(cd "$build" && tar cf - --exclude=./asan .) | (cd "$copy/$build" && tar xf -)
cp -a book/out "$copy/book/out"
cd "$copy"

sums() { find book/out -type f ! -name '.*' | sort | xargs sha256sum; }
# The book as it stands, built here once (the PDF copied from the tree may
# carry the date of an older commit).
touch book/preface.md
make --no-print-directory -s B="$build" html pdf >/dev/null
before=$(sums)

"$build/chapters/01_sigmoid_1d" --only classify --w 2 --b 3 >/dev/null
cmp -s "figures/01_sigmoid_1d/classify.png" \
    "book/out/figures/01_sigmoid_1d/classify.png" &&
    fail "the reader's run drew the book's figure: the test proves nothing"
touch book/preface.md
make --no-print-directory -s B="$build" html pdf >/dev/null
after=$(sums)

if [ "$before" != "$after" ]; then
    echo "book_isolation: the book changed after a reader's run:"
    printf '%s\n' "$before" > before.txt
    printf '%s\n' "$after" > after.txt
    diff before.txt after.txt | sed 's/^/  /'
    exit 1
fi
echo "book_isolation: a reader's run of exercise 1 leaves the book as it was"
