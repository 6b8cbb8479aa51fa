#!/bin/sh
# tests/relocation.sh BUILD: a copied or moved workbook uses its own files.
#
# The workbook, built, is copied (cp -a) while the first tree stays where
# it is, then the copy is moved (mv). In each place, a reader's program
# built with the README's own command, and an exercise checked with make
# exercise, compile against that tree's headers and run with that tree's
# library (ldd says which), never the first tree's; and the check's
# verdict is about the reader's code, not about the build tree.
set -eu
build=${1:-build}
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
work=$(mktemp -d /tmp/wb-relocation-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
fail() { echo "relocation: $*"; exit 1; }

# The README's command for a program of your own (with BUILD for build),
# and its program.
recipe=$(sed -n 's/^cc my\.c .*pkg-config.* -o my$/&/p' README.md |
    sed "s|/build |/$build |")
[ -n "$recipe" ] || fail "no 'cc my.c ... -o my' line in README.md"
mkdir "$work/elsewhere"
awk '/^### A program of your own/ { on = 1 }
     on && /^```c$/ { code = 1; next }
     code && /^```$/ { exit }
     code { print }' README.md > "$work/my.c"
grep -q wb_figure_new "$work/my.c" || fail "no C example in README.md"

# uses TREE: checks the workbook at TREE.
uses() {
    tree=$1
    cd "$tree"
    # The reader's own program: its headers, its library.
    cp "$work/my.c" my.c
    sh -c "$recipe" > "$work/cc.log" 2>&1 ||
        { cat "$work/cc.log"; fail "$tree: the README's command fails"; }
    header=$(sh -c "$(echo "$recipe" | sed 's/-o my$/-M/')" 2>/dev/null |
        tr ' ' '\n' | grep '/wb\.h$' | head -n 1)
    [ "$(realpath "$header")" = "$tree/lib/wb.h" ] ||
        fail "$tree: my.c is compiled with '$header', not $tree/lib/wb.h"
    # It runs from any folder, with this tree's library.
    cd "$work/elsewhere"
    lib=$(ldd "$tree/my" |
        sed -n 's/.*libworkbook\.so\.0 => \([^ ]*\).*/\1/p')
    [ "$lib" = "$tree/$build/libworkbook.so.0" ] ||
        fail "$tree/my runs with '$lib', not $tree/$build/libworkbook.so.0"
    rm -rf plots
    "$tree/my" || fail "$tree/my does not run"
    [ -s plots/sigmoid.png ] || fail "$tree/my drew no plots/sigmoid.png"
    cd "$tree"

    # An exercise, solved, checked with make: it builds, passes, and ran
    # with this tree's library.
    cp tests/exercises/solution/05_1_relu.c exercises/
    make --no-print-directory -s B="$build" exercise EX=05_1_relu \
        > "$work/exercise.log" 2>&1 ||
        { cat "$work/exercise.log"; fail "$tree: make exercise fails"; }
    grep -q '^done! exercises/05_1_relu.c' "$work/exercise.log" ||
        { cat "$work/exercise.log"; fail "$tree: the exercise is not done"; }
    lib=$(ldd "$build/exercises/05_1_relu" |
        sed -n 's/.*libworkbook\.so\.0 => \([^ ]*\).*/\1/p')
    [ "$lib" = "$tree/$build/libworkbook.so.0" ] ||
        fail "$tree: the exercise ran with '$lib'"
    cd "$top"
}

tests/copy_tree.sh "$build" "$work/copy"
uses "$work/copy"
mv "$work/copy" "$work/moved"
uses "$work/moved"
echo "relocation: a copied and a moved workbook each build and run the" \
    "reader's program and exercises with their own library"
