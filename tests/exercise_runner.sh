#!/bin/sh
# tests/exercise_runner.sh BUILD: make exercise, make hint and make watch
# as a reader meets them, in a copy of the workbook (so that the reader's
# files and records here are left alone).
#
# - EX is a name, never shell text; a name that is no exercise is refused
#   in one line;
# - make's exit status is the verdict: 0 only when the exercise is done;
# - Ctrl-C (SIGINT to the terminal's process group) stops a check that
#   never ends at once, and the time limit stops it with its message;
# - make watch clears the screen before each check, goes on to the next
#   exercise once one passes, shows the hint on h, and stops on q; Ctrl-C,
#   or a kill of make, ends it and everything it started.
# Each program runs in a session of its own, so that what it leaves
# behind can be found.
set -u
build=${1:-build}
cd "$(dirname "$0")/.." || exit 1
work=$(mktemp -d /tmp/wb-runner-XXXXXX)
cleanup() {
    for s in $sessions; do pkill -KILL -s "$s" 2>/dev/null; done
    rm -rf "$work"
}
sessions=
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() { echo "exercise_runner: $*"; exit 1; }

tests/copy_tree.sh "$build" "$work/wb" || fail "cannot copy the workbook"
cd "$work/wb"
cp -a exercises "$work/shipped"
shipped() { cp "$work/shipped/"*.c exercises/; }
make() { command make --no-print-directory -s B="$build" "$@"; }

# wait_for FILE TEXT [SECONDS]: waits until FILE holds TEXT (10 s at most).
wait_for() {
    i=0
    while ! grep -qF -- "$2" "$1" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -gt $((${3:-10} * 10)) ] &&
            { cat "$1"; fail "no '$2' in $1"; }
        sleep 0.1
    done
}

# start LOG make ARG...: make in a session of its own, with start's input,
# its output into LOG; sets $sid, its session (and process group, and
# process id: setsid(1) makes its own process the session's leader). Its
# SIGINT is the default one, as a terminal's foreground job has it (this
# shell's background jobs ignore it).
start() {
    log=$1
    shift 2
    setsid env --default-signal=INT make --no-print-directory -s \
        B="$build" "$@" > "$log" 2>&1 <&0 &
    sid=$!
    sessions="$sessions $sid"
}

# ended SECONDS WHAT: every process of the session $sid has ended within
# SECONDS.
ended() {
    i=0
    while pgrep -s "$sid" > /dev/null; do
        i=$((i + 1))
        if [ "$i" -gt $(($1 * 10)) ]; then
            ps -o pid,args -s "$sid"
            fail "$2: these are still running after $1 s"
        fi
        sleep 0.1
    done
}

# ---- EX is a name ----------------------------------------------------------

for ex in "nosuch;touch $work/ran" "';touch $work/ran;'" \
    "\$(shell touch $work/ran)" "\`touch $work/ran\`"; do
    for goal in exercise hint watch; do
        make "$goal" EX="$ex" > "$work/out" 2>&1 &&
            fail "make $goal EX=$ex succeeded"
        [ -e "$work/ran" ] && fail "make $goal EX=$ex ran shell text"
        grep -q "^exercises: no exercise '" "$work/out" ||
            { cat "$work/out"; fail "make $goal EX=$ex: no clear refusal"; }
        [ "$(grep -c . "$work/out")" -le 2 ] ||
            { cat "$work/out"; fail "make $goal EX=$ex: more than a line"; }
    done
    make "ex-$ex" > "$work/out" 2>&1 && fail "make ex-$ex succeeded"
    [ -e "$work/ran" ] && fail "make ex-$ex ran shell text"
done

# ---- the exit status is the verdict -----------------------------------------

make exercise EX=1.1 > "$work/out" 2>&1 &&
    fail "make exercise succeeded on an exercise not done"
grep -q '^not yet: ' "$work/out" || fail "no 'not yet'"
make hint EX=1.1 > "$work/out" 2>&1 || fail "make hint failed"
grep -q '^hint: f(x₀) = 1/2' "$work/out" || fail "make hint: no hint"
sed -i 's/    \*w = 1;/    *w = 1 +;/' exercises/01_1_boundary.c
make exercise EX=1.1 > "$work/out" 2>&1 &&
    fail "make exercise succeeded on an exercise that does not build"
grep -q 'does not build' "$work/out" || fail "no 'does not build'"
sed 's/    return z > 0 ? z : 0;/    double a[1] = {z}; return a[(int)(z > 0)];/' \
    tests/exercises/solution/05_1_relu.c > exercises/05_1_relu.c
make exercise EX=5.1 > "$work/out" 2>&1 &&
    fail "make exercise succeeded on an overflow"
grep -q 'a sanitizer stopped' "$work/out" ||
    { cat "$work/out"; fail "no sanitizer's report"; }
cp tests/exercises/solution/01_1_boundary.c exercises/
make exercise EX=1.1 > "$work/out" 2>&1 ||
    { cat "$work/out"; fail "make exercise failed on an exercise done"; }
grep -q '^done! ' "$work/out" || fail "no 'done!'"
shipped

# ---- Ctrl-C and the time limit ---------------------------------------------

# 5.1, with a loop that never ends
sed -i 's|^    return z;    /\* the identity.*|    for (;;) {}\n    return z;|' \
    exercises/05_1_relu.c
grep -q 'for (;;)' exercises/05_1_relu.c || fail "exercises/05_1_relu.c changed"

start "$work/interrupted" make exercise EX=5.1 < /dev/null
wait_for "$work/interrupted" "== 05_1_relu"
i=0
until pgrep -s "$sid" -x 05_1_relu > /dev/null; do
    i=$((i + 1)); [ "$i" -gt 300 ] && fail "the check never started"
    sleep 0.1
done
pkill -INT -g "$sid"
ended 2 "Ctrl-C during a check that never ends"

EXERCISE_TIME_LIMIT=2 make exercise EX=5.1 > "$work/out" 2>&1 &&
    fail "make exercise succeeded on a loop that never ends"
grep -q '^Stopped after 2 seconds: does a loop never end?' "$work/out" ||
    { cat "$work/out"; fail "the time limit was not said"; }

# make watch, killed by its process id, during that check and while it
# waits for a save; and Ctrl-C while it waits.
start "$work/watch-killed" make watch EX=5.1 < /dev/null
wait_for "$work/watch-killed" "== 05_1_relu"
sleep 1
kill "$sid"
ended 2 "a kill of make watch during a check"
shipped
start "$work/watch-killed" make watch EX=1.1 < /dev/null
wait_for "$work/watch-killed" "(watching exercises/01_1_boundary.c"
kill "$sid"
ended 2 "a kill of make watch"
start "$work/watch-interrupted" make watch EX=1.1 < /dev/null
wait_for "$work/watch-interrupted" "(watching exercises/01_1_boundary.c"
pkill -INT -g "$sid"
ended 2 "Ctrl-C in make watch"

# ---- make watch, on a terminal ------------------------------------------------

# script(1) gives make watch a terminal, and types what is written to
# the queue `keys` (opened for reading and writing, so that neither end
# waits for the other).
mkfifo "$work/keys"
exec 5<> "$work/keys"
setsid env --default-signal=INT TERM=xterm script -qfec \
    "make --no-print-directory -s B='$build' watch EX=1.1" /dev/null \
    > "$work/watch" 2>&1 <&5 &
sid=$!
sessions="$sessions $sid"
wait_for "$work/watch" "(watching exercises/01_1_boundary.c;"
cp tests/exercises/solution/01_1_boundary.c exercises/
wait_for "$work/watch" "Next: exercises/01_2_log_odds.c, watched from now on."
wait_for "$work/watch" "(watching exercises/01_2_log_odds.c;"
echo h >&5
wait_for "$work/watch" "hint: $(tools/exercises field 1.2 Hint |
    "$build/tools/term-text" 74 | head -n 1 | cut -d' ' -f1-5)"
cat exercises/01_2_log_odds.c > "$work/saved" &&
    cat "$work/saved" > exercises/01_2_log_odds.c
wait_for "$work/watch" "== 01_2_log_odds"
clears=$(grep -o "$(printf '\033\\[H\033\\[2J')" "$work/watch" | wc -l)
[ "$clears" -eq 3 ] || { cat -v "$work/watch"
    fail "make watch cleared the screen $clears times, not before each of" \
        "its 3 checks"; }
echo q >&5
ended 5 "q in make watch"
exec 5>&-
grep -q 'the file watcher stopped' "$work/watch" &&
    { cat "$work/watch"; fail "make watch did not stop on q"; }

echo "exercise_runner: EX is a name, make's status the verdict; Ctrl-C," \
    "the time limit and a kill stop everything; make watch moves on"
