/* wb_exercise.h: the exercises that check themselves, as the book and the
 * notebook list them.
 *
 * An exercise is a C file exercises/NN_K_NAME.c: exercise K of chapter NN
 * (01_1_boundary.c is exercise 1.1). Its first comment says what it is,
 *
 *     /\* Chapter: 1
 *      * Goal: Place the boundary, with a given width      <- one line
 *      *
 *      * What the exercise asks, in Markdown with $...$ maths, as the
 *      * chapters' prose, over as many lines as it needs.
 *      *
 *      * Hint: where to look, to the end of the comment.
 *      *\/
 *
 * and `make exercise EX=NN_K_NAME` checks it; `make hint` shows its hint
 * with its maths in Unicode, as the notebook shows the prose. A chapter's prose line
 * `@exercises` stands for its exercises: the weaver writes them into the
 * book, and `--step` shows them at the end of the chapter.
 */
#ifndef WB_EXERCISE_H
#define WB_EXERCISE_H

#include <stddef.h>

typedef struct wb_exercise {
    char *name;          /* "01_1_boundary", the file's name without .c */
    int chapter;         /* 1, from `Chapter: 1` */
    int number;          /* 1, the K of its name */
    char *goal;          /* the `Goal:` line's text */
    char *text;          /* the lines between Goal and Hint */
    char *hint;          /* from `Hint:` to the end of the comment */
} wb_exercise;

/* The chapter number NN of an exercise's file name, NN_K_NAME.c; 0 when
 * the name is not one. */
int wb_exercise_chapter_of(const char *file_name);

/* Reads the exercise at `path` (whose last component is its name). Returns
 * 0, or -1 with an error naming the file when its first comment lacks the
 * lines above, or names another chapter than its file name. */
int wb_exercise_read(wb_exercise *e, const char *path);
void wb_exercise_free(wb_exercise *e);

/* Reads every exercise of chapter `chapter` (every chapter when 0) in
 * folder `dir` (normally ROOT/exercises), in the order of their names,
 * into a new array of *n. A folder that does not exist holds none. Returns
 * 0, or -1 with an error (and nothing to free). */
int wb_exercises_read(const char *dir, int chapter, wb_exercise **list,
                      size_t *n);
void wb_exercises_free(wb_exercise *list, size_t n);

#endif
