# bench/report.awk: the page bench/run writes, the book's appendix "How fast
# is it?", from its measures: lines of SIDE <tab> CASE <tab> KEY <tab>
# VALUE, SIDE being c (the workbook), py (Python) or info (the machine and
# the run; its CASE is -). A measure taken several times is reported by its
# median.

{
    k = $1 SUBSEP $2 SUBSEP $3
    if ($1 == "info")
        info[$3] = $4
    if ($1 == "c" && $2 ~ /^chapter_/ && !(k in n))
        chapter[++nchapters] = substr($2, 9)
    n[k]++
    v[k, n[k]] = $4
    last[k] = $4
}

# Sorts a[1..m] in place (an insertion sort: a few values).
function sort(a, m,    i, j, t) {
    for (i = 2; i <= m; i++)
        for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
            t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
        }
}

# The median of the values of SIDE, CASE, KEY; "" when there is none.
function med(side, name, key,    k, m, i, a) {
    k = side SUBSEP name SUBSEP key
    m = n[k] + 0
    if (m == 0)
        return ""
    for (i = 1; i <= m; i++)
        a[i] = v[k, i] + 0
    sort(a, m)
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}

function get(side, name, key) {
    return last[side SUBSEP name SUBSEP key]
}

# Three significant digits, without an exponent.
function sig(x) {
    if (x >= 100) return sprintf("%.0f", x)
    if (x >= 10) return sprintf("%.1f", x)
    if (x >= 1) return sprintf("%.2f", x)
    if (x >= 0.1) return sprintf("%.3f", x)
    if (x >= 0.01) return sprintf("%.4f", x)
    return sprintf("%.5f", x)
}

function time_of(s) {
    if (s == "") return "not measured"
    return s >= 1 ? sig(s) " s" : sig(s * 1000) " ms"
}

# 1000000 -> 1,000,000
function count(x,    s) {
    s = sprintf("%d", x)
    while (s ~ /[0-9][0-9][0-9][0-9]/)
        sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
    return s
}

function ratio(py, c) {
    return (py == "" || c == "" || c == 0) ? "" : py / c
}

function shown(r) {
    return r == "" ? "—" : sig(r)
}

# The goals the workbook set itself, for the full sizes, as the items of
# the list at the end of the page: a ratio that must reach x, a time that
# must stay under x.
function goal(what, reached, value) {
    goals = goals "- " what ": " value ", " \
            (value == "not measured" ? "not known" : \
             reached ? "reached" : "not reached") ";\n"
}

function goal_at_least(what, r, x) {
    if (full)
        goal(what " " x " times as fast as " against, r != "" && r >= x,
             r == "" ? "not measured" : sig(r) " times")
}

function goal_under(what, s, x, unit) {
    if (full)
        goal(what " in under " x " " unit, s != "" && s < x, time_of(s))
}

# A list in prose: item i of n added to the list so far ("a, b and c").
function joined(list, item, i, n) {
    return list (i > 1 ? (i == n ? " and " : ", ") : "") item
}

function row(what, c, py, r) {
    print "| " what " | " c " | " py " | " shown(r) " |"
}

# The head of a table of times, its first column wide, so that its lines
# do not wrap (pandoc sizes the columns of a wide table by these dashes).
function head(a, b) {
    print "| | " a " | " b " | Python / C |"
    print "|------------------------------|----------:|----------:|------:|"
}

END {
    full = info["size"] == "full"
    runs = info["runs"]
    python = info["has_sklearn"] == "true"

    print "# How fast is it? {#appendix-speed}"
    print ""
    print "The workbook was timed by `make bench` on " info["date"] \
          " against scikit-learn (its models) and against the tutorial's" \
          " own Python code (the whole workbook)" \
          (full ? ", and `make book` with it," : ",") \
          " on the machine described at the end. Each time is the median of" \
          " " runs " run" (runs == 1 ? "" : "s") ", the C and the Python" \
          " programs taking turns; *Python / C* is Python's time over the" \
          " workbook's, so that 10 means ten times faster."
    if (!full)
        print "\nThese are the tiny sizes `make check` runs, one run each:" \
              " they check that the benchmark works, not how fast."
    if (!python)
        print "\nscikit-learn was not found (`make bench-deps` installs it):" \
              " the Python side was not measured."

    print ""
    print "## The models against scikit-learn"
    print ""
    print "Both sides read the same samples from the same CSV files, and each" \
          " times, from inside, the one call that does the work: starting" \
          " Python and importing scikit-learn are not counted. Both run on" \
          " one thread."
    print ""
    head("the workbook", "scikit-learn")
    against = "scikit-learn"
    nl = 0
    for (k in last) {
        split(k, f, SUBSEP)
        if (f[1] == "c" && f[2] ~ /^logreg_/ && f[3] == "n")
            lr[++nl] = last[k] + 0
    }
    sort(lr, nl)
    its = theirs = ""
    same = 1
    for (i = 1; i <= nl; i++) {
        name = "logreg_" lr[i]
        c = med("c", name, "seconds")
        py = med("py", name, "seconds")
        r = ratio(py, c)
        # one fit (the median of many) on the smallest sample; on the
        # larger ones, the fits after the program's first (the headline),
        # then its first
        row("logistic regression on " count(lr[i]) " points: " \
            (i == 1 ? "one fit" : "one fit, in a program that has fitted" \
                              " before"),
            time_of(c), python ? time_of(py) : "not measured", r)
        if (i == 2)
            steady = r
        if (i > 1) {
            cf = med("c", name, "first_seconds")
            pf = med("py", name, "first_seconds")
            row("the same: the program's first fit", time_of(cf),
                python ? time_of(pf) : "not measured", ratio(pf, cf))
            if (i == 2) {
                first = ratio(pf, cf)
                first_py = pf
                steady_py = py
                fits = get("c", name, "fits")
            }
        }
        if (lr[i] == 1000)
            goal_at_least("fit 1,000 points", r, 20)
        if (lr[i] == 1000000)
            goal_at_least("fit 1,000,000 points", r, 3)
        its = joined(its, count(get("c", name, "n_iter")) \
                     (i == 1 ? " iterations" : "") " at " count(lr[i]) \
                     " points", i, nl)
        theirs = joined(theirs, count(get("py", name, "n_iter")), i, nl)
        same = same && get("c", name, "n_iter") == get("py", name, "n_iter")
    }
    name = "mlp_tutorial"
    c = med("c", name, "seconds_per_epoch")
    py = med("py", name, "seconds_per_epoch")
    r = ratio(py, c)
    row("neural network (50 ReLU units, Adam) on chapter 5's " \
        count(get("c", name, "n")) " points: one epoch", time_of(c),
        python ? time_of(py) : "not measured", r)
    goal_at_least("train the tutorial's MLP, epoch for epoch,", r, 20)
    row("the same: the whole training, until it stops",
        time_of(med("c", name, "seconds")),
        python ? time_of(med("py", name, "seconds")) : "not measured",
        ratio(med("py", name, "seconds"), med("c", name, "seconds")))
    epochs = count(get("c", name, "epochs")) " epochs to a test accuracy" \
             " of " sprintf("%.3f", get("c", name, "test_accuracy"))
    # chapter 5's own run (its --json, section of the whole programs)
    ch_epochs = get("c", "json_05_mlp", "epochs")
    ch_acc = get("c", "json_05_mlp", "test_accuracy")
    same_run = ch_epochs != "" && ch_epochs == get("c", name, "epochs") && \
               sprintf("%.3f", ch_acc) == \
               sprintf("%.3f", get("c", name, "test_accuracy"))
    theirs_mlp = python ? count(get("py", name, "epochs")) " epochs to " \
                          sprintf("%.3f", get("py", name, "test_accuracy")) \
                        : ""
    name = "mlp_large"
    c = med("c", name, "seconds_per_epoch")
    py = med("py", name, "seconds_per_epoch")
    r = ratio(py, c)
    row("the same network on " count(get("c", name, "n")) " points: one" \
        " epoch",
        time_of(c), python ? time_of(py) : "not measured", r)
    goal_at_least("train an MLP on " count(get("c", name, "n")) \
                  " points, epoch for epoch,", r, 3)
    flops = get("c", name, "flops_per_epoch")
    peak = med("c", "peak", "native")
    peak_lib = med("c", "peak", "lib")
    rate_c = flops / c / 1e9
    rate_py = python ? flops / py / 1e9 : ""
    fraction = rate_c / peak
    print "| its computing rate, GFLOP/s (share of the processor's peak) | " \
          sig(rate_c) " (" sig(100 * fraction) " %) | " \
          (python ? sig(rate_py) " (" sig(100 * rate_py / peak) " %)" \
                  : "not measured") " | |"
    if (full)
        goal("compute at a quarter of the processor's peak, or more",
             fraction >= 0.25, sig(100 * fraction) " %")
    name = "grid_logreg"
    c = med("c", name, "seconds")
    py = med("py", name, "seconds")
    row("the probabilities at the " count(sqrt(get("c", name, "n"))) \
        " × " count(sqrt(get("c", name, "n"))) " points of a grid:" \
        " logistic regression",
        time_of(c), python ? time_of(py) : "not measured", ratio(py, c))
    name = "grid_mlp"
    c = med("c", name, "seconds")
    py = med("py", name, "seconds")
    row("the same: neural network", time_of(c), python ? time_of(py) : "not measured",
        ratio(py, c))

    differences = ""
    for (i = 1; i <= nl && python; i++) {
        name = "logreg_" lr[i]
        d = 0
        split("coef_0 coef_1 intercept", keys, " ")
        for (j = 1; j <= 3; j++) {
            e = get("c", name, keys[j]) - get("py", name, keys[j])
            if (e < 0) e = -e
            if (e > d) d = e
        }
        differences = joined(differences, sprintf("%.1e", d) " at " \
                             count(lr[i]) " points", i, nl)
    }
    print ""
    print "The workbook's logistic regression takes " \
          (!python ? its " and finds its coefficients (scikit-learn's were" \
                     " not measured)" \
           : (same ? "as many iterations as scikit-learn's, " its ", and" \
                   : its " (scikit-learn's: " theirs "), and") \
             " finds the same coefficients: the largest difference between" \
             " the two fits' $w_1$, $w_2$ and $b$ is " differences) \
          "."
    if (full && first != "")
        print "\nThe logistic regression on 100,000 and 1,000,000 points is" \
              " timed twice. The headline is a fit in a program that has" \
              " fitted before (the median of the later half of its " \
              fits " fits): the work of the" \
              " fit itself, what a program that fits again and again pays." \
              " A program's first fits on a large sample also pay for" \
              " memory: glibc's allocator takes a block larger than its" \
              " threshold (128 KiB at first) straight from the system" \
              " (mmap) and gives it back when it is freed, so that its" \
              " pages fault afresh when written; each such block freed" \
              " raises the threshold, up to 32 MiB, and once it is above" \
              " the arrays of a fit they stay in memory the allocator keeps" \
              " (with MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_" \
              " raised, the first fit is nearly as fast as the later ones)." \
              " scikit-learn's fit makes many arrays the size of the" \
              " sample, the workbook's few. At 100,000 points" \
              " scikit-learn's first fit takes " time_of(first_py) " and" \
              " its later ones " time_of(steady_py) ": the workbook is " \
              sig(first) " times as fast on a program's first fit and " \
              sig(steady) " times on the later ones. A reader who runs a" \
              " chapter once meets the first fit, and more: the whole" \
              " program, timed in the next section."
    print ""
    print "The network is chapter 5's own run: its " \
          count(get("c", "mlp_tutorial", "n")) " training points and its " \
          count(get("c", "mlp_tutorial", "n")) " test points, drawn from" \
          " the chapter's seed as the chapter draws them, and the weights" \
          " it starts from; the workbook trains it for " epochs \
          (same_run ? ", the numbers chapter 5 prints" \
           : (ch_epochs != "" ? " (chapter 5's own run, on its 500 points," \
                " prints " count(ch_epochs) " epochs and " \
                sprintf("%.3f", ch_acc) ")" : "")) \
          (python ? ". scikit-learn's network starts from random weights" \
                    " of its own (random_state=1), and trains for " \
                    theirs_mlp " on the same points" : "") \
          ". The floating-point rate" \
          " counts, from the network's size, the multiplications and" \
          " additions of one epoch (" sprintf("%.0f", flops / \
          get("c", "mlp_large", "n")) " per sample), over the time of one" \
          " epoch. The peak, " sig(peak) " GFLOP/s, is one core's, measured" \
          " with independent multiply-adds on this processor's widest" \
          " vectors; with the instructions every x86-64 has, which the" \
          " library is compiled for, the same measure gives " sig(peak_lib) \
          " GFLOP/s."

    print ""
    print "## The fits as a reader runs them"
    print ""
    print "The table above times the fit alone, inside a program that has" \
          " started. A reader runs a whole program: here, the chapter" \
          " program with `--json`, which starts, reads the CSV file, fits" \
          " and prints the fit as one line of JSON, against a Python" \
          " script (`bench/fit_sklearn.py`) that starts Python, imports" \
          " scikit-learn, reads the same file, fits and prints. Each is the" \
          " wall-clock time of the whole process."
    print ""
    head("the workbook", "scikit-learn")
    against = "scikit-learn's whole program"
    c = med("c", "whole_logreg", "seconds")
    py = med("py", "whole_logreg", "seconds")
    r = ratio(py, c)
    row("chapter 3's logistic regression on " \
        count(get("c", "whole_logreg", "n")) " points (`03_logreg_fit" \
        " --json --data FILE`)", time_of(c),
        python ? time_of(py) : "not measured", r)
    goal_at_least("run chapter 3's fit of " \
                  count(get("c", "whole_logreg", "n")) " points as a whole" \
                  " program", r, 2)
    c = med("c", "whole_mlp", "seconds")
    py = med("py", "whole_mlp", "seconds")
    r = ratio(py, c)
    row("chapter 5's network on " count(get("c", "whole_mlp", "n")) \
        " points (`05_mlp --json --data TRAIN --test-data TEST`)",
        time_of(c) " (" count(get("c", "whole_mlp", "epochs")) " epochs)",
        python ? time_of(py) " (" count(get("py", "whole_mlp", "epochs")) \
                 " epochs)" : "not measured", r)
    goal_at_least("run chapter 5's network on " \
                  count(get("c", "whole_mlp", "n")) " points as a whole" \
                  " program", r, 5)
    print ""
    print "Given its points in files, chapter 5 draws no sample before its" \
          " weights, so it starts from other weights than its own run and" \
          " trains for another number of epochs. Each chapter's own run," \
          " `--json` alone, as a reader first meets it:"
    print ""
    print "| | time |"
    print "|------------------------------|----------:|"
    slowest = ""
    for (k in last) {
        split(k, f, SUBSEP)
        if (f[1] == "c" && f[2] ~ /^json_/ && f[3] == "seconds")
            json[f[2]] = 1
    }
    nj = 0
    for (k in json)
        jl[++nj] = k
    sort(jl, nj)
    for (i = 1; i <= nj; i++) {
        s = med("c", jl[i], "seconds")
        slug = substr(jl[i], 6)
        print "| chapter " (substr(slug, 1, 1) == "0" ? substr(slug, 2, 1) \
              : substr(slug, 1, 2)) ", `" slug " --json` | " time_of(s) " |"
        if (slowest == "" || s > slowest)
            slowest = s
        json_total += s
    }
    if (full && nj > 0)
        goal("run each chapter with `--json` in under 100 ms", slowest < 0.1,
             "the slowest " time_of(slowest))

    print ""
    print "## The whole workbook against the tutorial's code"
    print ""
    print "The " get("c", "workbook", "programs") " chapter programs, one" \
          " after the other, with all their figures in PNG and PDF, against" \
          " the code of the tutorial's two notebooks run as one script" \
          " (`bench/tutorial.py`), with matplotlib drawing its figures in" \
          " PNG and PDF: the wall-clock time of the whole programs, starting" \
          " them included."
    print ""
    head("the workbook", "the tutorial")
    against = "the tutorial"
    c = med("c", "workbook", "seconds")
    py = med("py", "workbook", "seconds")
    r = ratio(py, c)
    row("all the chapters, with their figures", time_of(c) " (" \
        get("c", "workbook", "figures") " figures)",
        py == "" ? "not measured" : time_of(py) " (" \
            get("py", "workbook", "figures") " figures)", r)
    goal_at_least("run all the chapters", r, 5)
    nc = get("c", "workbook", "figures")
    np = get("py", "workbook", "figures")
    if (py != "" && c != "" && nc > 0 && np > 0)
        row("the same, per figure", time_of(c / nc), time_of(py / np),
            ratio(py / np, c / nc))
    s = med("c", "workbook_side", "seconds")
    if (s != "")
        row("the same, the chapters side by side, one per processor (as" \
            " `make book` runs them)", time_of(s), time_of(py), ratio(py, s))
    t = med("c", "workbook_tutorial", "seconds")
    if (t != "")
        row("the tutorial's work: the chapters without the steps that fit" \
            " again on other samples", time_of(t) " (" \
            get("c", "workbook_tutorial", "figures") " figures)",
            py == "" ? "not measured" : time_of(py), ratio(py, t))
    goal_at_least("do the tutorial's work (the chapters without `seeds` and" \
                  " `compare`)", ratio(py, t), 5)
    print ""
    print "The workbook draws more figures than the tutorial (its hidden" \
          " units, its loss curves, its diagrams): the second line divides" \
          " each program's time by the figures it draws. It also does more" \
          " work: the tutorial fits each model once, on one sample, where" \
          " each chapter that fits ends with a step, `seeds`, that fits" \
          " again on other samples, to show how each number it prints" \
          " varies from one sample to the next, and chapter 5's `compare`" \
          " trains 100 networks (20 shapes on 5 samples each). The last" \
          " line leaves these steps out (`--skip`), as the tutorial's" \
          " code does."
    if (nchapters > 0) {
        print ""
        print "Each chapter's time, in the first line and in the last:"
        print ""
        print "| chapter | every step | without | the steps left out |"
        print "|---|----------:|----------:|---|"
        for (i = 1; i <= nchapters; i++) {
            x = info["extra_" chapter[i]]
            gsub(/,/, "`, `", x)
            print "| `" chapter[i] "` | " \
                  time_of(med("c", "chapter_" chapter[i], "seconds")) " | " \
                  time_of(med("c", "tutorial_" chapter[i], "seconds")) " | " \
                  (x != "" ? "`" x "`" : "none") " |"
        }
        print ""
        print "A chapter whose steps left out are quick, as chapter 1's" \
              " `seeds` (its fits have one or two parameters), takes about" \
              " the same time in both columns: the few tens of milliseconds" \
              " by which one run differs from the next can put either" \
              " column first."
        print ""
        print "Chapter 5's `seeds` and `compare` train 110 networks between" \
              " them, each from a seed of its own: no network needs" \
              " another, and the chapter hands them to the runtime's" \
              " `wb_run_each`, which trains them side by side, one thread" \
              " per processor."
    }
    cpu = med("c", "workbook", "cpu")
    if (c != "" && cpu != "") {
        print ""
        print "Where the time goes: each chapter hands its figures to" \
              " gnuplot, one gnuplot per processor, which draw them side by" \
              " side while the chapter goes on (a figure's script needs no" \
              " other). The run above took " time_of(cpu) " of processor" \
              " time, gnuplot's included, in " time_of(c) " of wall-clock" \
              " time. The same chapters drawing PNG alone take " \
              time_of(med("c", "workbook_png", "seconds")) " (" \
              time_of(med("c", "workbook_png", "cpu")) " of processor)," \
              " PDF alone " time_of(med("c", "workbook_pdf", "seconds")) \
              " (" time_of(med("c", "workbook_pdf", "cpu")) "); without" \
              " figures (`--json`), the three chapters that fit take " \
              time_of(json_total) " together." \
              (med("c", "workbook_png", "cpu") > med("c", "workbook_pdf", \
                                                     "cpu") \
               ? " PNG costs more than PDF: pngcairo renders every pixel" \
                 " and compresses the image (with zlib, at a level gnuplot" \
                 " gives no option to set)." : "")
    }

    if (full) {
        print ""
        print "## The book"
        print ""
        print "`make book` in a copy of the sources, from clean: it compiles" \
              " the library and the chapters, runs each chapter, draws its" \
              " figures, weaves it, and makes the HTML pages and the PDF," \
              " one job per processor; `make -j1 book` does the same one" \
              " job at a time. Then, as a reader does who edits a chapter" \
              " and looks at it again, `make book` after touching chapter 3" \
              " (its program compiled again, its page and the PDF made" \
              " again: the PDF beside the pages, with one LaTeX pass when" \
              " no page number moved), `make html` after the same, and" \
              " `make html` with nothing to do."
        print ""
        print "| | time |"
        print "|------------------------------|----------:|"
        s = med("c", "book_clean", "seconds")
        print "| `make book` from clean | " time_of(s) " |"
        goal_under("make the book from clean", s, 30, "s")
        s = med("c", "book_clean_1", "seconds")
        print "| `make -j1 book` from clean | " time_of(s) " |"
        s = med("c", "book_touch", "seconds")
        print "| touch chapter 3, `make book` | " time_of(s) " |"
        goal_under("make a chapter's page and the PDF again", s, 5, "s")
        s = med("c", "book_touch_html", "seconds")
        print "| touch chapter 3, `make html` | " time_of(s) " |"
        goal_under("make a chapter's page again", s, 2, "s")
        s = med("c", "book_noop", "seconds")
        print "| `make html` with nothing to do | " time_of(s) " |"
        goal_under("find the HTML book up to date", s, 1, "s")
    }

    if (goals != "") {
        print ""
        print "## The workbook's goals"
        print ""
        print "The workbook set itself these goals for its speed, where a" \
              " reader waits: each is given with what this run measured," \
              " and whether it reaches the goal on this machine, under the" \
              " load given below (a loaded machine slows the workbook's" \
              " programs and Python's alike, but the book's build, which" \
              " is timed alone, in full):"
        print ""
        printf "%s", substr(goals, 1, length(goals) - 2) ".\n"
    }

    print ""
    print "## The machine"
    print ""
    print "| | |"
    print "|---|---|"
    print "| processor | " info["processor"] " |"
    print "| memory | " info["memory"] " |"
    print "| system | " info["system"] " |"
    print "| C compiler | " info["compiler"] "; " info["cflags"] " |"
    if (python) {
        print "| Python | " info["python"] (info["matplotlib"] != "" ? \
              ", matplotlib " info["matplotlib"] : "") "; one thread |"
        if (info["blas"] != "")
            print "| numpy's BLAS | `" info["blas"] "` |"
    }
    print "| gnuplot | " info["gnuplot"] " |"
    if (full) {
        print "| pandoc, LaTeX | " info["pandoc"] "; " info["latex"] " |"
    }
    print "| load average | " info["load_start"] " at the start, " \
          info["load_end"] " at the end |"
    print ""
    print "The load average counts the programs that were running or waiting" \
          " to run, on average over the last 1, 5 and 15 minutes: above 0," \
          " other programs shared the processor with the benchmark."
}
