"""bench/fit_sklearn.py logreg TRAIN | mlp TRAIN TEST: what a reader of the
tutorial runs to fit its models with scikit-learn, as one whole program,
for `make bench` to time against the chapter programs run with --json
(bench/run): imports scikit-learn, reads the CSV files (a header, then
x1,x2,y), fits, and prints the fit as one JSON object. The logistic
regression is chapter 3's (scikit-learn's defaults); the network is
chapter 5's (50 ReLU units, Adam, at most 10000 epochs, seed 1), scored on
TEST.
"""
import json
import sys
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier


def read_sample(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1]


def main(argv):
    warnings.simplefilter("ignore", ConvergenceWarning)
    if len(argv) == 2 and argv[0] == "logreg":
        X, y = read_sample(argv[1])
        clf = LogisticRegression().fit(X, y)
        print(json.dumps({"model": "logreg", "n_iter": int(clf.n_iter_[0]),
                          "w": clf.coef_[0].tolist(),
                          "b": float(clf.intercept_[0])}))
    elif len(argv) == 3 and argv[0] == "mlp":
        X, y = read_sample(argv[1])
        X_test, y_test = read_sample(argv[2])
        mlp = MLPClassifier(hidden_layer_sizes=(50,), activation="relu",
                            max_iter=10000, random_state=1).fit(X, y)
        print(json.dumps({"model": "mlp", "n_iter": mlp.n_iter_,
                          "test_accuracy": mlp.score(X_test, y_test)}))
    else:
        sys.exit("usage: bench/fit_sklearn.py logreg TRAIN | mlp TRAIN TEST")


if __name__ == "__main__":
    main(sys.argv[1:])
