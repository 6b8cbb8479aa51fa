/* Fuzzing the command line every chapter shares: the input, split at NUL
 * bytes, is the arguments of a small chapter. Any arguments give a run or
 * one line of complaint, never a crash. Paths are kept inside a folder of
 * the fuzzer's own. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wb.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double w = 1;
static long n = 3;
static const char *data_file = "none";
static bool loud;

static int first(wb_run *run)
{
    wb_array *x = wb_keep(run, wb_linspace(0, 1, (size_t)n));
    if (!x)
        return -1;
    printf("w = %g, n = %ld, data = %s, loud = %d\n", w, n, data_file, loud);
    return 0;
}

static int second(wb_run *run)
{
    (void)run;
    return 0;
}

static char source[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char text[] = "/*md\n# A chapter\n*/\n"
                               "/*md\n## First\n*/\n"
                               "static int first(wb_run *run)\n{\n}\n"
                               "/*md\n## Second\n*/\n"
                               "static int second(wb_run *run)\n{\n}\n";
    char dir[] = "/tmp/wb-fuzz-args-XXXXXX";
    (void)argc;
    (void)argv;
    if (!mkdtemp(dir) || chdir(dir) != 0)
        abort();
    snprintf(source, sizeof source, "%s/00_fuzz.c", dir);
    if (wb_write_file(source, text, sizeof text - 1) != 0)
        abort();
    /* What the chapter prints is of no interest (its complaints go to
     * standard error, with libFuzzer's report). */
    if (!freopen("/dev/null", "w", stdout))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const wb_step steps[] = {WB_STEP(first), WB_STEP(second), {0}};
    static const wb_option options[] = {
        {"w", WB_OPT_DOUBLE, &w, "W", "a weight", -100, 100},
        {"n", WB_OPT_INT, &n, "N", "a count", 1, 1000},
        {"data", WB_OPT_STRING, &data_file, "FILE", "a file", 0, 0},
        {"loud", WB_OPT_FLAG, &loud, NULL, "be loud", 0, 0},
        {0}};
    const wb_chapter chapter = {.slug = "00_fuzz", .source = source,
                                .summary = "A chapter to fuzz.",
                                .steps = steps, .options = options};
    char *args = wb_malloc(size + 1), *argv[18] = {"00_fuzz"};
    int argc = 1;
    if (!args)
        return 0;
    memcpy(args, data, size);
    args[size] = '\0';
    for (char *s = args; s < args + size && argc < 17; s += strlen(s) + 1) {
        /* No path out of the fuzzer's folder, and no terminal notebook. */
        if (strchr(s, '/') || strstr(s, "step"))
            goto done;
        argv[argc++] = s;
    }
    argv[argc] = NULL;
    w = 1;
    n = 3;
    data_file = "none";
    loud = false;
    wb_main(&chapter, argc, argv);
done:
    free(args);
    return 0;
}
