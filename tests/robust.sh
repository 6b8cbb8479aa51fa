#!/bin/sh
# tests/robust.sh BUILD: the part of the robustness battery that needs root
# (a small disk: a tmpfs mounted for the purpose) or time (valgrind).
# `make robust` runs it; `make check` runs the rest (tests/test_robust.c).
#
# 1. A full disk. Every chapter runs in book mode, drawing PNG, PDF and SVG,
#    into a tmpfs of 24 KB, 64 KB, 256 KB, 1 MB and 4 MB. Whatever the size,
#    it must end with status 0 or 1 (never a crash), say what failed in one
#    line, leave no temporary file, and every file it leaves must be the
#    same bytes as the same file of a run on a roomy disk: a file is whole
#    or absent, never cut.
# 2. valgrind memcheck. Every chapter, a whole run and the error paths (a
#    bad data file, an output folder that is a file), with no error and no
#    leak.
set -u
build=${1:-build}
top=$(pwd)
work=$(mktemp -d /tmp/wb-robust-XXXXXX) || exit 1
mnt=$work/disk
cleanup() {
    mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
mkdir -p "$mnt"
status=0
fail() { echo "robust: $*"; status=1; }
chapters=$(cd "$build/chapters" && ls | grep -v '\.')
cases=0

# ---- 1. a full disk -------------------------------------------------------
if [ "$(id -u)" != 0 ]; then
    echo "robust: not root: the full-disk battery needs to mount a tmpfs (skipped)"
else
    for c in $chapters; do
        ref=$work/ref/$c
        "$build/chapters/$c" --book --format png,pdf,svg --out "$ref" \
            >/dev/null 2>&1 || fail "$c: the reference run failed"
        for size in 24k 64k 256k 1m 4m; do
            mount -t tmpfs -o size=$size tmpfs "$mnt" || { fail "mount"; break; }
            "$build/chapters/$c" --book --format png,pdf,svg \
                --out "$mnt/$c" >"$work/out" 2>"$work/err"
            rc=$?
            cases=$((cases + 1))
            case $rc in
            0|1) ;;
            *) fail "$c on a $size disk: exit status $rc" ;;
            esac
            if [ "$rc" = 1 ] && [ "$(wc -l <"$work/err")" != 1 ]; then
                fail "$c on a $size disk: not one line:"; cat "$work/err"
            fi
            if [ -d "$mnt/$c" ]; then
                for f in "$mnt/$c"/.* "$mnt/$c"/*; do
                    name=${f##*/}
                    case $name in .|..|'.*'|'*') continue ;; esac
                    case $name in
                    .*) fail "$c on a $size disk: temporary file $name left" ;;
                    *) cmp -s "$f" "$ref/$name" ||
                        fail "$c on a $size disk: $name is not whole" ;;
                    esac
                done
                [ "$rc" = 0 ] && ! [ -f "$mnt/$c/manifest.tsv" ] &&
                    fail "$c on a $size disk: success, but no manifest"
            fi
            umount "$mnt"
        done
    done
    echo "robust: a full disk: $cases runs of every chapter on small disks"
fi

# ---- 2. valgrind ------------------------------------------------------------
if ! command -v valgrind >/dev/null; then
    echo "robust: no valgrind (skipped)"
else
    vg="valgrind -q --error-exitcode=99 --leak-check=full
        --errors-for-leak-kinds=definite,indirect
        --suppressions=$top/tools/valgrind.supp"
    printf 'x1,x2,y\n1,2,0\nnot,a,number\n' > "$work/bad.csv"
    touch "$work/a-file"
    n=0
    for c in $chapters; do
        for args in "--quiet --out $work/vg/$c" \
                    "--quiet --out $work/a-file" \
                    "--quiet --data $work/bad.csv --out $work/vg/$c"; do
            n=$((n + 1))
            # shellcheck disable=SC2086
            $vg "$build/chapters/$c" $args >/dev/null 2>"$work/vg.err"
            if [ $? = 99 ]; then
                fail "$c $args: valgrind reports:"
                cat "$work/vg.err"
            fi
        done
    done
    echo "robust: valgrind: $n runs"
fi
[ "$status" = 0 ] && echo "robust: every case passed"
exit "$status"
