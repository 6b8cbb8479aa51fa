#!/bin/sh
# tests/relocation.sh BUILD: a copied or moved workbook uses its own files.
#
# The workbook, built, is copied (cp -a) while the first tree stays where
# it is, then the copy is moved (mv). In each place, as a reader would:
# make (which may have nothing to do); a reader's program built with the
# README's own command, and an exercise checked with make exercise, which
# compile against that tree's headers and run with that tree's library
# (ldd says which), never the first tree's, the check's verdict being
# about the reader's code; a chapter's --step, which shows that tree's
# prose; and its e, on a terminal, with an editor that changes the
# chapter: that tree's chapter is edited and rebuilt there, and the
# notebook starts again with it. No chapter built in a tree names the
# folder it was built in, and the first tree is left untouched.
set -eu
build=${1:-build}
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
work=$(mktemp -d /tmp/wb-relocation-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
fail() { echo "relocation: $*"; exit 1; }
# What changes in the first tree from now on is a fault.
touch "$work/stamp"
chapter=01_sigmoid_1d

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

# An editor, as $EDITOR: called as "editor +LINE FILE", it writes down
# its arguments and adds a line to FILE.
printf '%s\n' '#!/bin/sh' "echo \"\$@\" > '$work/editor.args'" \
    'echo "// edited" >> "$2"' > "$work/editor"
chmod +x "$work/editor"

# uses TREE: checks the workbook at TREE.
uses() {
    tree=$1
    name=$(basename "$1")
    cd "$tree"
    make --no-print-directory -s B="$build" > "$work/make.log" 2>&1 ||
        { cat "$work/make.log"; fail "$tree: make fails"; }
    named=$(grep -l -F "$top" "$build"/chapters/* || true)
    [ -z "$named" ] || fail "$tree: $named name(s) $top"

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

    # --step shows the prose of this tree's chapter, read when it runs,
    # from any folder: its first step's title, marked with the tree's name.
    awk -v name="$name" '!done && /^## / { $0 = $0 " (" name ")"; done = 1 }
                         { print }' "chapters/$chapter.c" > "$work/marked"
    cat "$work/marked" > "chapters/$chapter.c"
    cd "$work/elsewhere"
    "$tree/$build/chapters/$chapter" --step --only 1 --out "$work/figures" \
        < /dev/null > "$work/step.log" 2>&1 ||
        { cat "$work/step.log"; fail "$tree: --step fails"; }
    grep -q "Step 1 of .*($name)" "$work/step.log" ||
        { cat "$work/step.log"; fail "$tree: --step shows other prose"; }

    # e, on a terminal (script(1) gives it one): the editor opens this
    # tree's chapter, make rebuilds the chapter here, and the notebook
    # starts again at the step, with the change. (Each q after e closes a
    # page, or quits.)
    rm -f "$work/editor.args"
    printf 'eqqqq' | EDITOR="$work/editor" WB_GRAPHICS=dumb script -qec \
        "'$tree/$build/chapters/$chapter' --step --only 1 --out \
         '$work/figures'" /dev/null > "$work/edit.log" 2>&1 ||
        { cat "$work/edit.log"; fail "$tree: e fails"; }
    edited=$(cut -d' ' -f2- "$work/editor.args" 2>/dev/null || true)
    [ "$edited" = "$tree/chapters/$chapter.c" ] ||
        { cat "$work/edit.log"; fail "$tree: e edits '$edited'"; }
    [ "$(tail -n 1 "$edited")" = '// edited' ] ||
        fail "$tree: the editor did not change $edited"
    grep -q 'Rebuilding the chapter with make' "$work/edit.log" &&
        [ "$(grep -c "Step 1 of .*($name)" "$work/edit.log")" -ge 2 ] ||
        { cat "$work/edit.log"; fail "$tree: e did not rebuild and restart"; }
    [ "$tree/$build/chapters/$chapter" -nt "$edited" ] ||
        fail "$tree: e did not rebuild $tree/$build/chapters/$chapter"
    cd "$top"
}

tests/copy_tree.sh "$build" "$work/copy"
uses "$work/copy"
mv "$work/copy" "$work/moved"
uses "$work/moved"
touched=$(find . -path ./.git -prune -o -newer "$work/stamp" -print |
    head -n 5)
[ -z "$touched" ] || fail "the first tree changed: $touched"
echo "relocation: a copied and a moved workbook each build, show and edit" \
    "their own chapters, and run the reader's program and exercises with" \
    "their own library; the first tree is untouched"
