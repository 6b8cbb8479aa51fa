#!/usr/bin/python3
"""Writes tests/fixtures/mlp.txt: what scikit-learn 1.2.1's MLPClassifier
computes, for tests/test_mlp.c. Rerun it with Debian's Python, which has
scikit-learn 1.2.1 (the python3 first on PATH may not have it):

    /usr/bin/python3 tests/reference/make_mlp_fixtures.py

It takes about ten seconds and writes the same file every time.

The cases:

  parity   a network trained from given weights, without shuffling, for a
           number of epochs (adam or sgd): the loss of every epoch, the
           final weights, why it stopped, and predict_proba at the end;
  stop     the same, run until scikit-learn's stopping rule ends it;
  lbfgs    a small network trained by L-BFGS from given weights: the final
           loss, weights and number of iterations;
  accuracy the tutorial's problem (500 training and 500 test points uniform
           in [-1, 1]^2, category 1 where x1 x2 > 0) for several seeds, with
           MLPClassifier(hidden_layer_sizes=(50,), max_iter=10000): the test
           accuracy of each seed and their mean.

scikit-learn has no way to take initial weights, so each run is started
like this: fit once with max_iter=1 and warm_start=True to build the
network, overwrite coefs_ and intercepts_ with the given weights, reset
n_iter_, t_, loss_curve_, best_loss_ and _no_improvement_count, and fit
again. fit() always makes a new optimiser (its state starts at zero); the
script checks that it did, and that Adam's step counter is exactly the
number of mini-batches of the second fit.

The format, one item per line, read by a small parser in test_mlp.c:

    case NAME
    kind parity | stop | lbfgs | accuracy
    KEY VALUE                       (activation, solver, alpha, ...)
    hidden COUNT SIZE...
    data N D                        then N lines: x_1 ... x_D y
    NAME COUNT                      then COUNT numbers, one per line
    end

Weights are packed as scikit-learn packs them for L-BFGS: every layer's
coefs_ (row-major, (fan_in, fan_out)), then every layer's intercepts_.
Numbers are written with repr(), which reads back as the same double. The
inputs are rounded to 4 decimals so that the file stays small.
"""

import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "mlp.txt")

if sklearn.__version__ != "1.2.1":
    sys.exit("scikit-learn 1.2.1 is needed, found " + sklearn.__version__)


def xor_data(seed, n, d=2):
    """n points uniform in [-1, 1]^d, rounded to 4 decimals; y = x1 x2 > 0."""
    rs = np.random.RandomState(seed)
    X = np.round(rs.uniform(-1, 1, (n, d)), 4)
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    return X, y


def blobs_data(seed, n):
    """Two overlapping Gaussian categories around (0, 0) and (1, 1)."""
    rs = np.random.RandomState(seed)
    y = (np.arange(n) % 2).astype(float)
    X = np.round(rs.normal(0, 1, (n, 2)) + y[:, None], 4)
    return X, y


def glorot(seed, sizes, activation):
    """Initial weights drawn as scikit-learn draws them (its own bounds)."""
    rs = np.random.RandomState(seed)
    factor = 2.0 if activation == "logistic" else 6.0
    coefs, intercepts = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = np.sqrt(factor / (fan_in + fan_out))
        coefs.append(rs.uniform(-bound, bound, (fan_in, fan_out)))
        intercepts.append(rs.uniform(-bound, bound, fan_out))
    return coefs, intercepts


def pack(coefs, intercepts):
    return np.concatenate([c.ravel() for c in coefs] +
                          [b.ravel() for b in intercepts])


def train_from(case, X, y, coefs, intercepts):
    """Trains a copy of the given weights as the case says; returns the
    estimator and whether scikit-learn warned that max_iter was reached."""
    params = dict(
        hidden_layer_sizes=tuple(case["hidden"]),
        activation=case["activation"],
        solver=case["solver"],
        alpha=case["alpha"],
        learning_rate_init=case.get("learning_rate", 1e-3),
        batch_size=case.get("batch_size", "auto"),
        tol=case.get("tol", 1e-4),
        n_iter_no_change=case.get("n_iter_no_change", 10),
        momentum=case.get("momentum", 0.9),
        nesterovs_momentum=bool(case.get("nesterov", 1)),
        max_fun=case.get("max_fun", 15000),
        shuffle=False,
        warm_start=True,
        random_state=0,
    )
    clf = MLPClassifier(max_iter=1, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    first_optimizer = getattr(clf, "_optimizer", None)

    clf.coefs_ = [c.copy() for c in coefs]
    clf.intercepts_ = [b.copy() for b in intercepts]
    clf.n_iter_ = 0
    clf.t_ = 0
    clf.loss_curve_ = []
    clf.best_loss_ = np.inf
    clf._no_improvement_count = 0
    clf.set_params(max_iter=case["max_iter"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        clf.fit(X, y)
    warned = any(issubclass(w.category, ConvergenceWarning) for w in caught)

    if case["solver"] != "lbfgs":
        assert clf._optimizer is not first_optimizer, "optimizer reused"
        n = X.shape[0]
        bs = case.get("batch_size", min(200, n))
        batches = -(-n // bs)
        if case["solver"] == "adam":
            assert clf._optimizer.t == clf.n_iter_ * batches, \
                "Adam did not start from step 0"
        assert len(clf.loss_curve_) == clf.n_iter_
    return clf, warned


def write_numbers(out, name, values):
    values = np.ravel(values)
    out.write("%s %d\n" % (name, len(values)))
    for v in values:
        out.write(repr(float(v)) + "\n")


def write_header(out, name, kind, case):
    out.write("case %s\nkind %s\n" % (name, kind))
    for key in ("activation", "solver", "alpha", "learning_rate",
                "batch_size", "max_iter", "tol", "n_iter_no_change",
                "momentum", "nesterov", "max_fun"):
        if key in case:
            out.write("%s %s\n" % (key, case[key]))
    out.write("hidden %d%s\n" % (len(case["hidden"]),
                                  "".join(" %d" % h for h in case["hidden"])))


def write_data(out, X, y):
    out.write("data %d %d\n" % X.shape)
    for row, label in zip(X, y):
        out.write(" ".join("%.4f" % v for v in row) + " %d\n" % label)


def stochastic_case(out, name, kind, case, X, y, seed):
    sizes = [X.shape[1]] + case["hidden"] + [1]
    coefs, intercepts = glorot(seed, sizes, case["activation"])
    clf, warned = train_from(case, X, y, coefs, intercepts)
    if kind == "stop":
        assert not warned and clf.n_iter_ < case["max_iter"], \
            "%s: the stopping rule did not end the run" % name
    stop = "max_iter" if warned else "no_improvement"
    write_header(out, name, kind, case)
    write_data(out, X, y)
    write_numbers(out, "init", pack(coefs, intercepts))
    write_numbers(out, "loss_curve", clf.loss_curve_)
    write_numbers(out, "final", pack(clf.coefs_, clf.intercepts_))
    out.write("n_iter %d\nstop %s\n" % (clf.n_iter_, stop))
    write_numbers(out, "proba", clf.predict_proba(X)[:, 1])
    out.write("end\n\n")
    print("%-22s %4d epochs, stop %s, loss %.6g"
          % (name, clf.n_iter_, stop, clf.loss_))


def lbfgs_case(out, name, case, X, y, seed):
    sizes = [X.shape[1]] + case["hidden"] + [1]
    coefs, intercepts = glorot(seed, sizes, case["activation"])
    clf, warned = train_from(case, X, y, coefs, intercepts)
    write_header(out, name, "lbfgs", case)
    write_data(out, X, y)
    write_numbers(out, "init", pack(coefs, intercepts))
    write_numbers(out, "final", pack(clf.coefs_, clf.intercepts_))
    out.write("n_iter %d\nloss %r\nconverged %d\nend\n\n"
              % (clf.n_iter_, float(clf.loss_), 0 if warned else 1))
    print("%-22s %4d iterations, loss %.10g%s"
          % (name, clf.n_iter_, clf.loss_, " (warned)" if warned else ""))


def accuracy_case(out, seeds):
    accuracies, epochs = [], []
    for seed in seeds:
        rs = np.random.RandomState(seed)
        X = rs.uniform(-1, 1, (500, 2))
        Xt = rs.uniform(-1, 1, (500, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        yt = (Xt[:, 0] * Xt[:, 1] > 0).astype(int)
        clf = MLPClassifier(hidden_layer_sizes=(50,), max_iter=10000,
                            random_state=seed).fit(X, y)
        accuracies.append(clf.score(Xt, yt))
        epochs.append(clf.n_iter_)
    out.write("case tutorial\nkind accuracy\n")
    write_numbers(out, "accuracy", accuracies)
    write_numbers(out, "epochs", epochs)
    out.write("mean_accuracy %r\nend\n\n" % float(np.mean(accuracies)))
    print("tutorial accuracy: %s, mean %.4f, epochs %s"
          % (accuracies, np.mean(accuracies), epochs))


def main():
    X, y = xor_data(1, 50)
    # Every activation, one and two hidden layers, adam and sgd (with and
    # without Nesterov), and no hidden layer; 50 samples in batches of 16
    # leave a short last batch of 2.
    parity = [
        ("relu_5_adam", dict(hidden=[5], activation="relu")),
        ("logistic_5_adam", dict(hidden=[5], activation="logistic")),
        ("tanh_5_adam", dict(hidden=[5], activation="tanh")),
        ("identity_5_adam", dict(hidden=[5], activation="identity")),
        ("relu_6_4_adam", dict(hidden=[6, 4], activation="relu")),
        ("logistic_4_3_adam", dict(hidden=[4, 3], activation="logistic",
                                   alpha=0.01)),
        ("tanh_4_3_sgd", dict(hidden=[4, 3], activation="tanh",
                              solver="sgd", learning_rate=0.05)),
        ("relu_5_sgd_plain", dict(hidden=[5], activation="relu",
                                  solver="sgd", learning_rate=0.05,
                                  momentum=0.5, nesterov=0)),
        ("no_hidden_adam", dict(hidden=[], activation="relu")),
    ]
    with open(OUT, "w") as out:
        out.write("# Written by tests/reference/make_mlp_fixtures.py with "
                  "scikit-learn %s; do not edit.\n\n" % sklearn.__version__)
        for k, (name, case) in enumerate(parity):
            full = dict(solver="adam", alpha=1e-4, learning_rate=0.01,
                        batch_size=16, max_iter=40)
            full.update(case)
            stochastic_case(out, name, "parity", full, X, y, 10 + k)

        stop = dict(hidden=[8], activation="relu", solver="adam",
                    alpha=1e-4, learning_rate=0.01, batch_size=16,
                    max_iter=3000)
        stochastic_case(out, "relu_8_adam_stop", "stop", stop, X, y, 30)

        Xb, yb = blobs_data(2, 60)
        lbfgs_case(out, "neuron_lbfgs",
                   dict(hidden=[], activation="relu", solver="lbfgs",
                        alpha=1e-4, max_iter=200), Xb, yb, 40)
        lbfgs_case(out, "tanh_3_lbfgs",
                   dict(hidden=[3], activation="tanh", solver="lbfgs",
                        alpha=1e-3, max_iter=500), X, y, 41)

        accuracy_case(out, range(10))


if __name__ == "__main__":
    main()
