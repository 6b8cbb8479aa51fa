# bench/report.awk: the page bench/run writes, the book's appendix "How fast
# is it?", from its measures: lines of SIDE <tab> CASE <tab> KEY <tab>
# VALUE, SIDE being c (the workbook), py (Python) or info (the machine and
# the run; its CASE is -). A measure taken several times is reported by its
# median.

{
    k = $1 SUBSEP $2 SUBSEP $3
    if ($1 == "info")
        info[$3] = $4
    n[k]++
    v[k, n[k]] = $4
    last[k] = $4
}

# The median of the values of SIDE, CASE, KEY; "" when there is none.
function med(side, name, key,    k, m, i, j, t, a) {
    k = side SUBSEP name SUBSEP key
    m = n[k] + 0
    if (m == 0)
        return ""
    for (i = 1; i <= m; i++)
        a[i] = v[k, i] + 0
    for (i = 2; i <= m; i++)           # insertion sort: a few values
        for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
            t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
        }
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
    for (i = 2; i <= nl; i++)
        for (j = i; j > 1 && lr[j - 1] > lr[j]; j--) {
            t = lr[j]; lr[j] = lr[j - 1]; lr[j - 1] = t
        }
    its = theirs = ""
    same = 1
    for (i = 1; i <= nl; i++) {
        name = "logreg_" lr[i]
        c = med("c", name, "seconds")
        py = med("py", name, "seconds")
        r = ratio(py, c)
        row((i == 1 ? "logistic regression, fit, " : "the same, ") \
            count(lr[i]) " points", time_of(c),
            python ? time_of(py) : "not measured", r)
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
    row("MLP of 50 ReLU, Adam: one epoch, " count(get("c", name, "n")) \
        " points", time_of(c), python ? time_of(py) : "not measured", r)
    goal_at_least("train the tutorial's MLP, epoch for epoch,", r, 20)
    row("the same, the whole training", time_of(med("c", name, "seconds")),
        python ? time_of(med("py", name, "seconds")) : "not measured",
        ratio(med("py", name, "seconds"), med("c", name, "seconds")))
    epochs = count(get("c", name, "epochs")) " epochs and a test accuracy" \
             " of " sprintf("%.3f", get("c", name, "test_accuracy")) \
             (python ? " for the workbook, " count(get("py", name, \
                 "epochs")) " and " sprintf("%.3f", get("py", name, \
                 "test_accuracy")) " for scikit-learn" : "")
    name = "mlp_large"
    c = med("c", name, "seconds_per_epoch")
    py = med("py", name, "seconds_per_epoch")
    r = ratio(py, c)
    row("the same: one epoch, " count(get("c", name, "n")) " points",
        time_of(c), python ? time_of(py) : "not measured", r)
    goal_at_least("train an MLP on " count(get("c", name, "n")) \
                  " points, epoch for epoch,", r, 3)
    flops = get("c", name, "flops_per_epoch")
    peak = med("c", "peak", "native")
    peak_lib = med("c", "peak", "lib")
    rate_c = flops / c / 1e9
    rate_py = python ? flops / py / 1e9 : ""
    fraction = rate_c / peak
    print "| its GFLOP/s (share of the peak) | " \
          sig(rate_c) " (" sig(100 * fraction) " %) | " \
          (python ? sig(rate_py) " (" sig(100 * rate_py / peak) " %)" \
                  : "not measured") " | |"
    if (full)
        goal("compute at a quarter of the processor's peak, or more",
             fraction >= 0.25, sig(100 * fraction) " %")
    name = "grid_logreg"
    c = med("c", name, "seconds")
    py = med("py", name, "seconds")
    row("predict_proba, " count(sqrt(get("c", name, "n"))) " × " \
        count(sqrt(get("c", name, "n"))) " grid: logistic regression",
        time_of(c), python ? time_of(py) : "not measured", ratio(py, c))
    name = "grid_mlp"
    c = med("c", name, "seconds")
    py = med("py", name, "seconds")
    row("the same: MLP", time_of(c), python ? time_of(py) : "not measured",
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
          ". The two networks start from different random weights, so they" \
          " train for a different number of epochs, to a different" \
          " accuracy on the same " count(get("c", "mlp_tutorial", "n")) \
          " test points: " epochs ". The floating-point rate" \
          " counts, from the network's size, the multiplications and" \
          " additions of one epoch (" sprintf("%.0f", flops / \
          get("c", "mlp_large", "n")) " per sample), over the time of one" \
          " epoch. The peak, " sig(peak) " GFLOP/s, is one core's, measured" \
          " with independent multiply-adds on this processor's widest" \
          " vectors; with the instructions every x86-64 has, which the" \
          " library is compiled for, the same measure gives " sig(peak_lib) \
          " GFLOP/s."

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
    print ""
    print "The workbook draws more figures than the tutorial (its hidden" \
          " units, its loss curves, its diagrams): the second line divides" \
          " each program's time by the figures it draws. Most of the" \
          " workbook's time is gnuplot's: starting it, drawing, and" \
          " compressing the PNG files."

    if (full) {
        print ""
        print "## The book"
        print ""
        print "`make book` in a copy of the sources, from clean: it compiles" \
              " the library and the chapters, runs each chapter, draws its" \
              " figures, weaves it, and makes the HTML pages and the PDF," \
              " one job per processor; `make -j1 book` does the same one" \
              " job at a time. Then `make html` after touching chapter 1," \
              " as a reader does who edits a chapter and looks at its page" \
              " again."
        print ""
        print "| | time |"
        print "|------------------------------|----------:|"
        s = med("c", "book_clean", "seconds")
        print "| `make book` from clean | " time_of(s) " |"
        goal_under("make the book from clean", s, 30, "s")
        s = med("c", "book_clean_1", "seconds")
        print "| `make -j1 book` from clean | " time_of(s) " |"
        s = med("c", "book_touch", "seconds")
        print "| touch chapter 1, `make html` | " time_of(s) " |"
        goal_under("make a chapter's page again", s, 2, "s")
    }

    if (goals != "") {
        print ""
        print "## The workbook's goals"
        print ""
        print "The workbook set itself these goals for its speed; each is" \
              " given with what was measured, and whether it is reached:"
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
