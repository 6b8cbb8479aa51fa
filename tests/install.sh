#!/bin/sh
# tests/install.sh BUILD: make install, then a program built against the
# installed library runs, with nothing else done (no ldconfig, no
# LD_LIBRARY_PATH): under a PREFIX of one's own, and staged with DESTDIR;
# make uninstall takes it all away again. (Under /usr/local, make install
# runs ldconfig and writes no rpath: checked on make's plan, make -n.)
set -eu
build=${1:-build}
cd "$(dirname "$0")/.." || exit 1
work=$(mktemp -d /tmp/wb-install-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
fail() { echo "install: $*"; exit 1; }
make() { command make --no-print-directory -s B="$build" "$@"; }

cat > "$work/my.c" <<'EOF'
#include <stdio.h>

#include "wb.h"

int main(void)
{
    printf("%.6f\n", wb_sigmoid(0.5));
    return 0;
}
EOF

# built PCDIR [PKG-CONFIG OPTION]: my.c built against the workbook.pc in
# PCDIR, and run from another folder.
built() {
    # shellcheck disable=SC2046
    cc "$work/my.c" -o "$work/my" $(PKG_CONFIG_PATH=$1 pkg-config \
        ${2:+"$2"} --cflags --libs workbook) || fail "my.c does not build"
    out=$(cd / && env -u LD_LIBRARY_PATH "$work/my" 2>&1) ||
        fail "my.c, built against $1, does not run: $out"
    [ "$out" = 0.622459 ] || fail "my.c printed '$out'"
}

# A prefix of one's own.
prefix=$work/prefix
make install PREFIX="$prefix" > /dev/null
built "$prefix/lib/pkgconfig"
ldd "$work/my" | grep -q "libworkbook.so.0 => $prefix/lib/libworkbook.so.0" ||
    fail "my runs with another library: $(ldd "$work/my" | grep workbook)"
make uninstall PREFIX="$prefix" > /dev/null
[ -z "$(find "$prefix" ! -type d)" ] ||
    fail "make uninstall left $(find "$prefix" ! -type d)"

# Staged: the files go under DESTDIR, and say PREFIX.
stage=$work/stage
make install DESTDIR="$stage" PREFIX=/opt/workbook > /dev/null
for f in lib/libworkbook.so.0 lib/libworkbook.so lib/libworkbook.a \
    include/workbook/wb.h lib/pkgconfig/workbook.pc; do
    [ -e "$stage/opt/workbook/$f" ] || fail "no $f under DESTDIR"
done
grep -qx 'prefix=/opt/workbook' "$stage/opt/workbook/lib/pkgconfig/workbook.pc" ||
    fail "the staged workbook.pc does not say prefix=/opt/workbook"
built "$stage/opt/workbook/lib/pkgconfig" \
    --define-variable=prefix="$stage/opt/workbook"
make uninstall DESTDIR="$stage" PREFIX=/opt/workbook > /dev/null
[ -z "$(find "$stage" ! -type d)" ] || fail "make uninstall left files"

# /usr/local: ldconfig, and no rpath; but not when staged.
plan=$(make -n install PREFIX=/usr/local)
echo "$plan" | grep -q '^ldconfig$' || fail "make install runs no ldconfig"
echo "$plan" | grep -q 'rpath' && fail "an rpath under /usr/local"
make -n install PREFIX=/usr/local DESTDIR="$stage" | grep -q '^ldconfig$' &&
    fail "make install runs ldconfig for a staged install"
echo "install: the installed library is found by the programs built" \
    "against it, under a PREFIX of one's own and staged"
