#!/usr/bin/python3
"""Writes the fixtures that test_logreg.c compares the C fit with.

What it makes, in tests/fixtures/:

    logreg_*.csv        the samples, in the format wb_read_csv reads
                        (header x,y or x1,...,xd,y; one example a line)
    logreg_sklearn.txt  scikit-learn's loss and its derivative for single
                        examples; for each fit, scikit-learn's result at
                        the given settings, the true optimum of the same
                        objective, and its predict_proba at a few points
    metrics_sklearn.txt accuracy_score, confusion_matrix and log_loss of
                        small arrays, for test_metrics.c

How to run it again (Debian's Python has scikit-learn 1.2.1, scipy 1.10.1
and numpy 1.24.2; the python3 first on PATH may have none of them):

    /usr/bin/python3 tests/reference/make_logreg_fixtures.py

The samples come from fixed seeds and are rounded to a few decimals, so
they are small and the same on every run; scikit-learn is fitted on the
numbers as read back from the CSV files, the very doubles the C tests read.

For each fit the file gives two answers:

  sklearn_*   what LogisticRegression(penalty, C, tol, max_iter).fit()
              returns. n_iter, nfev and the stop message come from the
              same scipy.optimize.minimize call that LogisticRegression
              makes (checked to give the same coefficients, bit for bit).
  optimum_*   the exact minimiser of the same objective (scikit-learn's
              own LinearModelLoss): L-BFGS-B run with no stopping test but
              the gradient, then Newton's method until the gradient stops
              shrinking. scikit-learn's answer stops earlier, even at
              tol=1e-10, because its relative-decrease test (2.2e-9) is
              fixed; the optimum is what a tight fit must reach.

The format of logreg_sklearn.txt, one item per line:

    pointwise Z Y LOSS DLOSS                    HalfBinomialLoss at score Z
    fit NAME DATASET PENALTY C TOL MAX_ITER     PENALTY: l2 or none
    sklearn_coef D W_1 ... W_D
    sklearn_intercept B
    sklearn_n_iter K
    sklearn_nfev K
    sklearn_converged 0|1                       0: scikit-learn warned
    sklearn_stop GRADIENT|DECREASE|MAX_ITER|OTHER
    sklearn_objective F
    optimum_coef D W_1 ... W_D                  (absent when the data are
    optimum_intercept B                          separable and there is no
    optimum_objective F                          penalty: f has no
    optimum_grad_max G                           minimum)
    proba M                                     then M lines: X_1..X_D P
    end

and of metrics_sklearn.txt:

    case NAME
    y_true N V_1 ... V_N
    y_pred N V_1 ... V_N                        predicted labels
    proba N P_1 ... P_N                         probabilities of category 1
    accuracy A                                  accuracy_score(y_true, y_pred)
    confusion TN FP FN TP                       confusion_matrix(...).ravel()
    log_loss L                                  log_loss(y_true, proba)
    end

Every number is written with repr(), which reads back as the same double.
"""

import os
import warnings

import numpy as np
import scipy
import sklearn
from scipy import optimize
from sklearn._loss.loss import HalfBinomialLoss
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.linear_model._linear_loss import LinearModelLoss
from sklearn.metrics import accuracy_score, confusion_matrix, log_loss

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__


def write_csv(name, X, y):
    """Writes the sample and returns it as read back from the file."""
    path = os.path.join(OUT, name)
    one_x = X.ndim == 1
    X2 = X[:, None] if one_x else X
    header = ["x"] if one_x else ["x%d" % (j + 1) for j in range(X2.shape[1])]
    with open(path, "w") as f:
        f.write(",".join(header + ["y"]) + "\n")
        for row, label in zip(X2, y):
            f.write(",".join([repr(float(v)) for v in row] + [str(int(label))]))
            f.write("\n")
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    Xr = np.ascontiguousarray(data[:, :-1])
    yr = np.ascontiguousarray(data[:, -1])
    assert np.array_equal(Xr, X2) and np.array_equal(yr, y), name
    return Xr, yr


def gaussians(rng, n, mean0, mean1, width, decimals):
    d = len(mean0)
    X = np.r_[rng.normal(mean0, width, (n, d)), rng.normal(mean1, width, (n, d))]
    y = np.r_[np.zeros(n), np.ones(n)]
    return np.round(X, decimals), y


def samples():
    rng = np.random.default_rng(20230401)
    s = {}
    # The tutorial's 2D sample: 500 points per category around (0, 0) and
    # (2, 2), identity covariance.
    s["tutorial_2d"] = gaussians(rng, 500, (0, 0), (2, 2), 1, 4)
    # Two categories far apart: a line separates them with room to spare.
    X, y = gaussians(rng, 40, (-2, -2), (2, 2), 0.5, 4)
    margin = (X[:, 0] + X[:, 1]) * np.where(y == 1, 1, -1)
    assert margin.min() > 1, "the separable sample is not separable"
    s["separable"] = (X, y)
    # Two categories almost on top of each other.
    s["overlap"] = gaussians(rng, 200, (0, 0), (0.3, 0.3), 1, 4)
    # Badly scaled: one column 50 times larger, one shifted by 20.
    X, y = make_classification(n_samples=300, n_features=5, n_informative=3,
                               random_state=1)
    X[:, 0] *= 50
    X[:, 1] += 20
    s["scaled"] = (np.round(X, 3), y.astype(float))
    # Chapter 1: 100 points per category around -1.5 and +1.5, width 1.
    X, y = gaussians(rng, 100, (-1.5,), (1.5,), 1, 4)
    s["chapter1_1d"] = (X[:, 0], y)
    # A small 1D sample, with its categories overlapping.
    X, y = gaussians(rng, 10, (-0.5,), (0.5,), 1, 4)
    s["small_1d"] = (X[:, 0], y)
    return s


def sklearn_fit(X, y, penalty, C, tol, max_iter):
    """LogisticRegression's fit, and the optimize.minimize call it makes."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = LogisticRegression(penalty=penalty, C=C, tol=tol,
                                   max_iter=max_iter).fit(X, y)
    converged = not any(issubclass(w.category, ConvergenceWarning)
                        for w in caught)
    # _logistic_regression_path's call (sklearn/linear_model/_logistic.py)
    loss = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)
    l2 = 0.0 if penalty is None else 1.0 / C
    args = (X, y, np.ones(len(y)), l2, 1)
    res = optimize.minimize(loss.loss_gradient, np.zeros(X.shape[1] + 1),
                            method="L-BFGS-B", jac=True, args=args,
                            options={"iprint": -1, "gtol": tol,
                                     "maxiter": max_iter})
    assert np.array_equal(res.x[:-1], model.coef_[0])
    assert res.x[-1] == model.intercept_[0]
    assert min(res.nit, max_iter) == model.n_iter_[0]
    msg = res.message
    stop = ("GRADIENT" if "PROJECTED_GRADIENT" in msg else
            "DECREASE" if "REL_REDUCTION" in msg else
            "MAX_ITER" if "ITERATIONS REACHED" in msg else "OTHER")
    return model, res, stop, converged, loss, args


def optimum(loss, args, x0):
    """The minimiser of the objective: L-BFGS-B stopped by nothing but a
    tiny gradient, then Newton steps while they shrink the gradient."""
    X, y, _, l2, _ = args
    res = optimize.minimize(loss.loss_gradient, x0, method="L-BFGS-B",
                            jac=True, args=args,
                            options={"gtol": 1e-13, "ftol": 0,
                                     "maxiter": 100000, "maxfun": 100000})
    w = res.x
    Xa = np.c_[X, np.ones(len(y))]
    P = np.eye(len(w)) * l2
    P[-1, -1] = 0
    f, g = loss.loss_gradient(w, *args)
    for _ in range(50):
        p = 1 / (1 + np.exp(-(Xa @ w)))
        H = Xa.T @ (Xa * (p * (1 - p))[:, None]) + P
        w_new = w - np.linalg.solve(H, g)
        f_new, g_new = loss.loss_gradient(w_new, *args)
        if np.max(np.abs(g_new)) >= np.max(np.abs(g)):
            break
        w, f, g = w_new, f_new, g_new
    return w, f, np.max(np.abs(g))


def proba_points(name, X):
    if X.shape[1] == 1:
        return np.array([[-2.0], [-0.5], [0.0], [0.5], [2.0]])
    if X.shape[1] == 2:
        return np.array([[-1.0, -1.0], [0.0, 0.0], [1.0, 1.0], [2.0, 2.0],
                         [3.0, -1.0]])
    return X[:4]


def r(v):
    return repr(float(v))


def pointwise():
    """scikit-learn's loss and derivative of single examples, on both sides
    of the cut-offs of its stable formulas (-37 and 18) and far out."""
    z = np.array([-1e4, -800.0, -710.0, -100.0, -37.5, -37.0, -36.9, -20.0,
                  -1.0, -1e-10, 0.0, 1e-10, 0.5, 1.0, 17.9, 18.0, 18.1, 36.0,
                  100.0, 710.0, 800.0, 1e4])
    lines = []
    for y in (0.0, 1.0):
        yy = np.full(len(z), y)
        loss, grad = HalfBinomialLoss().loss_gradient(y_true=yy,
                                                       raw_prediction=z)
        for zi, li, gi in zip(z, loss, grad):
            lines.append("pointwise %s %s %s %s" % (r(zi), r(y), r(li), r(gi)))
    return lines


def metrics():
    """Cases for accuracy, confusion counts and log-loss."""
    rng = np.random.default_rng(7)
    cases = {}
    y = np.array([0, 0, 1, 1, 1, 0, 1, 0], dtype=float)
    cases["small"] = (y, np.array([0, 1, 1, 0, 1, 0, 1, 1], dtype=float),
                      np.array([0.1, 0.6, 0.8, 0.4, 0.99, 0.2, 0.7, 0.55]))
    # Probabilities of exactly 0 and 1, right and wrong, and beyond the
    # clipping on both sides: log_loss keeps them within [eps, 1 - eps].
    cases["certain"] = (np.array([1, 0, 1, 0, 1, 0], dtype=float),
                        np.array([1, 0, 0, 1, 1, 0], dtype=float),
                        np.array([1.0, 0.0, 0.0, 1.0, 1e-20, 1 - 1e-17]))
    y = rng.integers(0, 2, 200).astype(float)
    p = rng.uniform(0, 1, 200)
    cases["random"] = (y, (p > 0.5).astype(float), p)
    y = np.r_[np.zeros(50), np.ones(50)]
    p = 1 / (1 + np.exp(-rng.normal(0, 30, 100)))
    cases["confident"] = (y, (p > 0.5).astype(float), p)
    lines = ["# Written by tests/reference/make_logreg_fixtures.py; see there."]
    for name, (y, pred, p) in cases.items():
        lines.append("case " + name)
        for key, v in (("y_true", y), ("y_pred", pred), ("proba", p)):
            lines.append("%s %d %s" % (key, len(v), " ".join(r(x) for x in v)))
        lines.append("accuracy " + r(accuracy_score(y, pred)))
        cm = confusion_matrix(y, pred, labels=[0, 1]).ravel()
        lines.append("confusion %d %d %d %d" % tuple(cm))
        lines.append("log_loss " + r(log_loss(y, p)))
        lines.append("end")
    return lines


def main():
    data = {}
    for name, (X, y) in samples().items():
        data[name] = write_csv("logreg_%s.csv" % name, X, y)

    fits = []
    for name in data:
        for C in (0.01, 0.1, 1.0, 10.0, 100.0):
            fits.append((name, "l2", C, 1e-4, 100))
            fits.append((name, "l2", C, 1e-10, 100))
        fits.append((name, None, 1.0, 1e-4, 100))
    # max_iter reached. scikit-learn tests it before its convergence
    # tests: separable with C = 1 converges at iteration 13, but with
    # max_iter = 13 scikit-learn says it did not.
    fits.append(("tutorial_2d", "l2", 1.0, 1e-4, 3))
    fits.append(("scaled", "l2", 1.0, 1e-4, 20))
    fits.append(("separable", "l2", 1.0, 1e-4, 13))

    lines = ["# Written by tests/reference/make_logreg_fixtures.py; see there."]
    lines += pointwise()
    for i, (name, penalty, C, tol, max_iter) in enumerate(fits):
        X, y = data[name]
        model, res, stop, converged, loss, args = sklearn_fit(
            X, y, penalty, C, tol, max_iter)
        d = X.shape[1]
        lines.append("fit %d %s %s %s %s %d" % (
            i, name, penalty or "none", r(C), r(tol), max_iter))
        lines.append("sklearn_coef %d %s" % (
            d, " ".join(r(v) for v in model.coef_[0])))
        lines.append("sklearn_intercept " + r(model.intercept_[0]))
        lines.append("sklearn_n_iter %d" % model.n_iter_[0])
        lines.append("sklearn_nfev %d" % res.nfev)
        lines.append("sklearn_converged %d" % converged)
        lines.append("sklearn_stop " + stop)
        lines.append("sklearn_objective " + r(res.fun))
        if not (name == "separable" and penalty is None):
            w, f, gmax = optimum(loss, args, res.x)
            lines.append("optimum_coef %d %s" % (
                d, " ".join(r(v) for v in w[:-1])))
            lines.append("optimum_intercept " + r(w[-1]))
            lines.append("optimum_objective " + r(f))
            lines.append("optimum_grad_max " + r(gmax))
        pts = proba_points(name, X)
        p = model.predict_proba(pts)[:, 1]
        lines.append("proba %d" % len(pts))
        for row, pv in zip(pts, p):
            lines.append(" ".join(r(v) for v in row) + " " + r(pv))
        lines.append("end")
    with open(os.path.join(OUT, "logreg_sklearn.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(OUT, "metrics_sklearn.txt"), "w") as f:
        f.write("\n".join(metrics()) + "\n")


if __name__ == "__main__":
    main()
