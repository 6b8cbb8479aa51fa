"""bench/bench_sklearn.py DIR: scikit-learn's side of `make bench`
(bench/run drives it; bench/bench.c is the C side, and says more).

Runs the cases of DIR/plan.tsv on the CSV files `bench data` wrote there,
each REPEAT times, and prints what it measured, one line each: CASE <tab>
KEY <tab> VALUE, as bench/bench.c does. A time is the median of the
REPEAT runs of the one call that does the work (fit, predict_proba),
measured with time.perf_counter: starting the interpreter, importing
scikit-learn and reading the files are not counted. A logistic
regression's first fit is also reported apart (first_seconds), and its time
is then the median of the later half of its fits, as bench/bench.c does.
Run it with /usr/bin/python3 (Debian's python3-sklearn), and with
OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=1 for one thread, as bench/run
does.
"""
import os
import statistics
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.neural_network import MLPClassifier

# The networks' seed. The C side seeds its own generator with 1 too: the
# two generators differ, so the networks start from different weights.
NET_SEED = 1


def put(case, key, value):
    print(f"{case}\t{key}\t{float(value)!r}")


def read_sample(folder, name):
    data = np.loadtxt(os.path.join(folder, name), delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1]


def times_of(repeat, work):
    """The times of `repeat` calls of work(), and its last result."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - t0)
    return times, result


def timed(repeat, work):
    """The median time of `repeat` calls of work(), and its last result."""
    times, result = times_of(repeat, work)
    return statistics.median(times), result


def grid_points(G, lo, hi):
    """np.c_ of the flattened meshgrid, as the tutorial builds it."""
    gridx1, gridx2 = np.meshgrid(np.linspace(lo, hi, G),
                                 np.linspace(lo, hi, G))
    return np.c_[gridx1.flatten(), gridx2.flatten()]


def network(max_iter, **options):
    return MLPClassifier(hidden_layer_sizes=(50,), activation="relu",
                         max_iter=max_iter, random_state=NET_SEED, **options)


def main(folder):
    warnings.simplefilter("ignore", ConvergenceWarning)
    kept = {}
    with open(os.path.join(folder, "plan.tsv")) as plan:
        lines = [line.rstrip("\n").split("\t") for line in plan]
    for field in lines:
        case, repeat = field[0], int(field[1])
        if case.startswith("logreg_"):
            X, y = read_sample(folder, field[2])
            times, clf = times_of(repeat,
                                  lambda: LogisticRegression().fit(X, y))
            put(case, "n", len(y))
            put(case, "first_seconds", times[0])
            put(case, "seconds", statistics.median(times[repeat // 2:]))
            put(case, "n_iter", clf.n_iter_[0])
            put(case, "coef_0", clf.coef_[0, 0])
            put(case, "coef_1", clf.coef_[0, 1])
            put(case, "intercept", clf.intercept_[0])
            kept.setdefault("logreg", clf)
        elif case == "mlp_tutorial":
            X, y = read_sample(folder, field[2])
            X_test, y_test = read_sample(folder, field[3])
            max_iter = int(field[4])
            seconds, mlp = timed(repeat,
                                 lambda: network(max_iter).fit(X, y))
            put(case, "n", len(y))
            put(case, "seconds", seconds)
            put(case, "epochs", mlp.n_iter_)
            put(case, "seconds_per_epoch", seconds / mlp.n_iter_)
            put(case, "converged", mlp.n_iter_ < max_iter)
            put(case, "test_accuracy",
                accuracy_score(y_test, mlp.predict(X_test)))
            kept["mlp"] = mlp
        elif case == "mlp_large":
            X, y = read_sample(folder, field[2])
            epochs = int(field[3])
            # n_iter_no_change above max_iter: the rule can never stop it
            seconds, mlp = timed(repeat, lambda: network(
                epochs, n_iter_no_change=epochs + 1).fit(X, y))
            put(case, "n", len(y))
            put(case, "seconds", seconds)
            put(case, "epochs", mlp.n_iter_)
            put(case, "seconds_per_epoch", seconds / mlp.n_iter_)
            put(case, "loss", mlp.loss_)
        elif case.startswith("grid_"):
            model = kept["logreg" if field[2].startswith("logreg") else "mlp"]
            points = grid_points(int(field[3]), float(field[4]),
                                 float(field[5]))
            seconds, p = timed(repeat, lambda: model.predict_proba(points))
            put(case, "n", len(points))
            put(case, "seconds", seconds)
            put(case, "mean_p", p[:, 1].mean())
        else:
            sys.exit(f"bench/bench_sklearn.py: a line I cannot read: {case}")
        sys.stdout.flush()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/bench_sklearn.py DIR")
    main(sys.argv[1])
