#!/bin/sh
# tests/copy_tree.sh BUILD DEST: copies the workbook, built, to the new
# folder DEST as a reader would (cp -a: the files with their times, so
# that make finds the copy up to date), leaving out what a test of the
# copy does not need: git's files, the book's output, the figures, and in
# BUILD the sanitized and fuzzing builds and the book's runs.
set -eu
cd "$(dirname "$0")/.."
build=$1 dest=$2
mkdir "$dest"
for f in * .[!.]*; do
    case $f in
    .git|figures|"${build%%/*}") ;;
    book) mkdir "$dest/book"
          for b in book/*; do
              [ "$b" = book/out ] || cp -a "$b" "$dest/book/"
          done ;;
    *) [ -e "$f" ] && cp -a "$f" "$dest/" ;;
    esac
done
mkdir -p "$dest/$build"
for f in "$build"/*; do
    case ${f#"$build"/} in
    asan|fuzz|book) ;;
    *) cp -a "$f" "$dest/$build/" ;;
    esac
done
