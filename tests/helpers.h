/* Helpers shared by the tests: temporary folders, running programs, reading
 * their files, checking images, and running a chapter as the book and a
 * reader do. Every helper that can fail fails the test (cr_assert). */
#ifndef WB_TEST_HELPERS_H
#define WB_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wb_core.h"

/* ---- folders and files ------------------------------------------------- */

/* A fresh folder for one test (Criterion runs tests in parallel, each in a
 * process of its own), removed with all it holds when the test's process
 * ends. The name belongs to the helpers: do not free it. */
char *test_dir(const char *prefix);
/* rm -r: a folder, its files and its folders. */
void remove_tree(const char *path);
/* How many entries of folder `dir` have names starting with `prefix`:
 * "." counts the hidden (temporary) files, "" counts everything. */
int count_entries(const char *dir, const char *prefix);
bool file_exists(const char *dir, const char *name);
/* The whole of DIR/NAME (its length in *len, which may be NULL). */
char *read_in(const char *dir, const char *name, size_t *len);
/* The number of lines of a text. */
int count_lines(const char *s);
/* The number that follows `label` in `text`. */
double number_after(const char *text, const char *label);

/* ---- programs ---------------------------------------------------------- */

/* What a program printed, and how it ended. */
typedef struct program_result {
    int status;      /* exit status, or 128 + signal */
    char *out;       /* standard output */
    char *err;       /* standard error */
} program_result;

/* Runs argv[0] with its standard input from /dev/null (never a terminal),
 * in folder `cwd` (or here, when NULL), and collects what it prints. */
program_result run_program(const char *cwd, const char *const *argv);
void program_result_free(program_result *r);

/* A program on a pseudo-terminal, as a reader at a keyboard runs it, in a
 * window of a given size, and with keys for the two kinds of prompt of the
 * notebook: a step's ("[Enter: run step 3, e: edit, ..., q: quit]") and a
 * page's, when a text does not fit on the screen ("-- 40% -- Space: page,
 * ..., q: close"). */
typedef struct terminal_session {
    const char *const *argv;
    const char *const *env;   /* more environment, "NAME=VALUE", or NULL;
                                 "NAME" alone removes NAME (TERM is
                                 xterm-256color unless given) */
    const char *da1;          /* the reply to the terminal query ESC [ c
                                 (a terminal that draws sixel graphics, or
                                 not), or NULL */
    int cols, rows;           /* the window; 0 for 80 x 24 */
    const char *keys;         /* one at each step prompt, in turn, then q;
                                 "\n" is Enter, "\003" Ctrl-C, and
                                 TERMINAL_RESIZE resizes the window */
    const char *page_keys;    /* one at each page prompt, in turn, then
                                 Space; NULL for Space at every one */
    int resize_cols, resize_rows;    /* the window's size after
                                        TERMINAL_RESIZE */
} terminal_session;

/* In keys and page_keys: no key, but the window resized to resize_cols x
 * resize_rows (the program hears SIGWINCH, and prompts again). */
#define TERMINAL_RESIZE '\001'

typedef struct terminal_result {
    char *out;              /* everything the program wrote */
    int status;             /* its exit status, or 128 + signal */
    int prompts, pages;     /* the step and page prompts answered */
    int resizes;            /* the times the window was resized */
    int most_rows;          /* the most rows written between two keys: the
                               screen holds rows - 1, and a prompt */
    bool raw_at_prompts;    /* keys were read one at a time, unechoed */
    bool restored;          /* at the end the terminal was in the mode it
                               was in at the start */
} terminal_result;

/* Runs the session; where no pseudo-terminal can be opened, the test is
 * skipped, saying so. Free the result with terminal_result_free. */
terminal_result run_terminal_session(const terminal_session *s);
void terminal_result_free(terminal_result *r);

/* Every number of a JSON text is written in the shortest form that reads
 * back as the same double (0.922, not 0.92200000000000004). */
void assert_json_numbers_shortest(const char *json);

/* ---- images ------------------------------------------------------------ */

/* DIR/FILE is a whole PNG (its signature, IHDR first, IEND last) of at
 * least min_bytes; its size in pixels goes to *width and *height (either
 * may be NULL). */
void assert_png(const char *dir, const char *file, size_t min_bytes,
                uint32_t *width, uint32_t *height);
/* DIR/FILE is a whole PDF (%PDF- first, %%EOF last) of at least
 * min_bytes. */
void assert_pdf(const char *dir, const char *file, size_t min_bytes);

/* ---- chapters ---------------------------------------------------------- */

/* Runs `CHAPTER --book --out DIR [ARGS...]` into a new folder, as the
 * book's build does; it must succeed and print nothing. Returns DIR. */
char *chapter_book_run(const char *chapter, const char *const *args);

/* Each file named in the NULL-terminated list `names` is the same, byte
 * for byte, in the folders a and b (two runs that must agree). */
void assert_same_files(const char *a, const char *b,
                       const char *const *names);

/* The names of the figures listed in DIR/manifest.tsv, in order (a
 * NULL-terminated list: free it with free_names). */
char **manifest_figures(const char *dir);
void free_names(char **names);

/* Every figure of the run in DIR is in the book's two formats: a PNG fit
 * for the HTML book (800 to 2400 pixels wide, landscape) and a whole PDF;
 * a gnuplot figure also has its script and data. Returns how many there
 * are. */
size_t assert_book_figures(const char *dir);

#endif
