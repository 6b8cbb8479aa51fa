/* Tests of the numerical layers built for WebAssembly (see the Makefile):
 * tests/wasm/models.c, built for wasm32-wasi and run under node's WASI,
 * prints the same numbers as the same program built natively; and the
 * live book's module computes the chapters' numbers
 * (tests/live_module.js, which states its tolerances).
 *
 * The same operations run in both, on the same doubles, but their libm
 * differ: wasi-libc's exp and log, not glibc's (nor the vector versions
 * glibc gives the logistic regression's objective), may differ in the
 * last bit. Measured: the samples are the same doubles; the fit by
 * Newton's method and the network's loss and weights, after its 730
 * epochs, differ by at most 2.5e-16, relative. The test asks for 1e-13:
 * counts (iterations, epochs) and accuracies must be equal. The native
 * program's network is chapter 5's, number for number. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define WASM_RTOL 1e-13

/* One line of a program's output: "name value", or "lbfgs WORD". */
typedef struct line {
    char name[32], word[16];
    double value;
} line;

/* The lines of `text`, at most `max`, into lines; how many. */
static size_t read_lines(line *lines, size_t max, const char *text)
{
    size_t n = 0;
    for (const char *s = text; *s && n < max; s = strchr(s, '\n') + 1) {
        line *l = &lines[n++];
        *l = (line){0};
        if (sscanf(s, "lbfgs %15s", l->word) == 1)
            strcpy(l->name, "lbfgs");
        else
            cr_assert(sscanf(s, "%31s %lf", l->name, &l->value) == 2,
                      "not a line of numbers: %.40s", s);
        if (!strchr(s, '\n'))
            break;
    }
    return n;
}

static program_result run(const char *const *argv)
{
    program_result r = run_program(NULL, argv);
    cr_assert_eq(r.status, 0, "%s: %s", argv[0], r.err);
    return r;
}

Test(wasm, the_models_compute_in_webassembly_what_they_compute_here)
{
    program_result native = run((const char *[]){
        WB_BUILD_DIR "/wasm/models-native", NULL});
    program_result wasm = run((const char *[]){
        "/usr/bin/env", "node", "--experimental-wasi-unstable-preview1",
        "--no-warnings",
        WB_SOURCE_DIR "/tests/wasm/run.mjs", WB_BUILD_DIR "/wasm/models.wasm",
        NULL});
    line a[32], b[32];
    size_t na = read_lines(a, 32, native.out), nb = read_lines(b, 32,
                                                               wasm.out);
    cr_assert(na == nb && na >= 10, "%zu lines here, %zu in WebAssembly:\n"
              "%s\n%s", na, nb, native.out, wasm.out);
    for (size_t i = 0; i < na; i++) {
        cr_assert_str_eq(a[i].name, b[i].name);
        const char *name = a[i].name;
        if (strcmp(name, "lbfgs") == 0) {
            cr_assert_str_eq(a[i].word, "present");
            cr_assert_str_eq(b[i].word, "absent", "L-BFGS in WebAssembly");
        } else if (strstr(name, "n_iter") || strstr(name, "epochs") ||
                   strstr(name, "accuracy") || strstr(name, "converged")) {
            cr_assert_eq(a[i].value, b[i].value, "%s: %.17g here, %.17g in "
                         "WebAssembly", name, a[i].value, b[i].value);
        } else {
            cr_assert(fabs(a[i].value - b[i].value) <=
                          WASM_RTOL * fabs(a[i].value),
                      "%s: %.17g here, %.17g in WebAssembly", name,
                      a[i].value, b[i].value);
        }
    }
    /* chapter 5's --json: its epochs, loss and test accuracy */
    program_result chapter = run((const char *[]){
        WB_BUILD_DIR "/chapters/05_mlp", "--json", NULL});
    for (size_t i = 0; i < na; i++) {
        const char *keys[][2] = {{"mlp_epochs", "\"n_iter\":"},
                                 {"mlp_loss", "\"loss\":"},
                                 {"mlp_test_accuracy", "\"test_accuracy\":"}};
        for (size_t k = 0; k < 3; k++)
            if (strcmp(a[i].name, keys[k][0]) == 0) {
                const char *at = strstr(chapter.out, keys[k][1]);
                cr_assert(at, "no %s in %s", keys[k][1], chapter.out);
                cr_assert_eq(a[i].value, strtod(at + strlen(keys[k][1]),
                                                NULL),
                             "%s: %.17g, chapter 5 %s", a[i].name,
                             a[i].value, chapter.out);
            }
    }
    program_result_free(&chapter);
    program_result_free(&native);
    program_result_free(&wasm);
}

/* The live book's script, its module inside, run under node against the
 * chapter programs. */
Test(wasm, the_live_book_computes_the_chapters_numbers)
{
    program_result r = run((const char *[]){
        "/usr/bin/env", "node", WB_SOURCE_DIR "/tests/live_module.js",
        WB_BUILD_DIR "/live/live.js", WB_BUILD_DIR "/chapters", NULL});
    cr_assert(strstr(r.out, "the largest differences measured"), "%s%s",
              r.out, r.err);
    program_result_free(&r);
}
