"""bench/tutorial.py OUTDIR: the Python original of the workbook, run end
to end, for `make bench` to time against the five chapter programs.

Origin: the code cells of the two notebooks the workbook retells, in their
order, from the public repository github.com/cbernet/maldives (Colin
Bernet), folder one_neuron/, at commit f69fac7 (2021-05-18):
logistic_regression_1d.ipynb (the one-neuron network in 1D, chapter 1)
and logistic_regression_2d.ipynb (chapters 2 to 5).

Rewritten as a script, and nothing more: the code of each cell is the
notebook's; the Jupyter line `%matplotlib inline` becomes the Agg backend;
each cell that draws a figure ends with save(NAME), which writes the
figure as PNG and PDF into OUTDIR (the workbook draws each of its figures
in both formats too) and closes it, where the notebook showed it; a value
the notebook displayed as a cell's result is printed; and np.random is
seeded once, so that every run does the same work (the notebooks draw
unseeded samples). The notebooks' slips are kept as they are.

Run it with /usr/bin/python3 (Debian's python3-sklearn, python3-matplotlib,
python3-scipy).
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) == 2 else sys.exit(
    "usage: bench/tutorial.py OUTDIR")
os.makedirs(OUT, exist_ok=True)
np.random.seed(1)


def save(name):
    """The figure the notebook showed, in both formats."""
    for ext in ("png", "pdf"):
        plt.savefig(os.path.join(OUT, f"{name}.{ext}"))
    plt.close("all")


# ---- logistic_regression_1d.ipynb ----------------------------------------

# cell 4
from scipy.stats import norm  # noqa: E402
x = np.linspace(-3, 3, 100)
# the mean of the Gaussian is set to 0.
# (the Gaussian is centred on 0.)
# the width of the Gaussian sigma is set to 1.
plt.plot(x, norm.pdf(x, 0., 1.))
plt.xlabel('x'); plt.ylabel('pdf')
save("1d_pdf")

# cell 7
normal = np.random.normal
sigma = 1
x0 = normal(-1.5, sigma, 100)
x1 = normal(1.5, sigma, 100)
# labels:
y0 = np.zeros_like(x0)
y1 = np.ones_like(x1)

# cell 9
plt.xlim(-5, 5)
plt.plot(x0, y0, 'o')
plt.plot(x1, y1, 'o')
plt.xlabel('x')
plt.ylabel('category')
save("1d_samples")

# cell 11
# plt.hist(sample1,bins=50, range=(-5,5))
plt.clf()
plt.xlim(-5, 5)
plt.hist(x0, bins=50, range=(-5, 5), alpha=0.5)
plt.hist(x1, bins=50, range=(-5, 5), alpha=0.5)
plt.xlabel('x')
plt.ylabel('counts')
save("1d_histograms")

# cell 15
# define parameters
b = 0
w = 1


def sigmoid(x1):
    # z is a linear function of x1
    z = w*x1 + b
    return 1 / (1+np.exp(-z))


# create an array of evenly spaced values
linx = np.linspace(-5, 5, 51)
plt.plot(x0, np.zeros_like(x0), 'o')
plt.plot(x1, np.ones_like(x1), 'o')
plt.plot(linx, sigmoid(linx), color='red')
plt.xlabel('z')
plt.ylabel(r'$\sigma(z)$')
save("1d_sigmoid")

# cell 19
# create a 1D array containing
# the values of x0 and x1:
x = np.concatenate((x0, x1))
# turn x into a 2D array with 1 value per line
# the first dimension indexes the examples,
# and the second dimension contains the value
# for each example:
x = np.c_[x]
# create a 1D array with the targets
# y0 and y1
y = np.concatenate((y0, y1))

# cells 21, 23, 25
from sklearn.linear_model import LogisticRegression  # noqa: E402
clf = LogisticRegression(solver='lbfgs').fit(x, y)
print(clf.predict_proba([[4]]))

# cells 27, 29
linx = np.c_[np.linspace(-5, 5, 100)]
# predict_proba takes an array of examples,
# so a 2D array
prob = clf.predict_proba(linx)
# extract the second probability
# (to be in category 1) for each example.
# we get a 2D array and
# reshape it to a 1D array of size 100
prob = prob[:, 1].reshape(len(linx))

# cell 32
# both linx and prob must be 1D
plt.plot(linx, prob, color='red')
plt.scatter(x0, y0)
plt.scatter(x1, y1)
plt.xlabel('x')
plt.ylabel('category probability')
save("1d_regression")

# cell 35
from sklearn.neural_network import MLPClassifier  # noqa: E402

mlp = MLPClassifier(hidden_layer_sizes=(),
                    solver='lbfgs')

mlp.fit(x, y)

# cell 36
prob_mlp = mlp.predict_proba(linx)
# take the second probability
# (to be in category 1) for each example
# and reshape it to a 1D array of size 100
prob_mlp = prob_mlp[:, 1].reshape(len(linx))
plt.plot(linx, prob, color='red', label='regression')
plt.plot(linx, prob_mlp, color='blue', label='MLP')
plt.scatter(x0, y0)
plt.scatter(x1, y1)
plt.legend()
plt.xlabel('x')
plt.ylabel('category probability')
save("1d_mlp")

# ---- logistic_regression_2d.ipynb ----------------------------------------

# cell 1
# in this tutorial, we will generate our samples ourselves,
# with nsamples in each category
nexamples = 500

# cell 3
normal = np.random.multivariate_normal
# squared width:
s2 = 1
# below, we provide the coordinates of the mean as
# a first argument, and then the covariance matrix
# we generate nexamples examples for each category
sgx0 = normal([0., 0.], [[s2, 0.], [0., s2]], nexamples)
sgx1 = normal([2., 2.], [[s2, 0.], [0., s2]], nexamples)
# setting the labels for each category
sgy0 = np.zeros((nexamples,))
sgy1 = np.ones((nexamples,))

# cell 5
plt.scatter(sgx0[:, 0], sgx0[:, 1], alpha=0.5)
plt.scatter(sgx1[:, 0], sgx1[:, 1], alpha=0.5)
plt.xlabel('x1')
plt.ylabel('x2')
save("2d_samples")

# cell 7
sgx = np.concatenate((sgx0, sgx1))
sgy = np.concatenate((sgy0, sgy1))

print(sgx.shape, sgy.shape)

# cell 10
# define parameters
# the bias:
b = 0
# the weight:
w = 1


def sigmoid(x1):  # noqa: F811
    # z is a linear function of x1
    z = w*x1 + b
    return 1 / (1+np.exp(-z))


# create an array of evenly spaced values
linx = np.linspace(-10, 10, 51)
plt.plot(linx, sigmoid(linx))
save("2d_sigmoid_1d")

# cell 12
# define parameters
# bias:
b = 0
# x1 weight:
w1 = 1
# x2 weight:
w2 = 2


def sigmoid_2d(x1, x2):
    # z is a linear function of x1 and x2
    z = w1*x1 + w2*x2 + b
    return 1 / (1+np.exp(-z))


# cell 14
xmin, xmax, npoints = (-6, 6, 51)
linx1 = np.linspace(xmin, xmax, npoints)
# no need for a new array, we just reuse the one we have
# with another name:
linx2 = linx1

# cell 16
gridx1, gridx2 = np.meshgrid(np.linspace(xmin, xmax, npoints),
                             np.linspace(xmin, xmax, npoints))
print(gridx1.shape, gridx2.shape)
print('gridx1:')
print(gridx1)
print('gridx2')
print(gridx2)

# cell 18
z = sigmoid_2d(gridx1, gridx2)
print(z.shape)

# cell 20
plt.pcolor(gridx1, gridx2, z)
plt.xlabel('x1')
plt.ylabel('x2')
plt.colorbar()
save("2d_sigmoid_map")

# cell 22
from mpl_toolkits.mplot3d import Axes3D  # noqa: E402,F401
fig = plt.figure()
ax = fig.add_subplot(111, projection='3d')
ax.plot_wireframe(gridx1, gridx2, z)
save("2d_sigmoid_3d")

# cell 24
from sklearn.linear_model import LogisticRegression  # noqa: E402,F811
clf = LogisticRegression(solver='lbfgs')
clf.fit(sgx, sgy)

# cell 26
print(gridx1.shape, gridx2.shape)

# cell 28
a = np.array([[0, 1], [2, 3]])
print(a)
print('flat array:', a.flatten())

# cell 30
b = np.array([[4, 5], [6, 7]])
print(a.flatten())
print(b.flatten())
c = np.c_[a.flatten(), b.flatten()]
print(c)
print(c.shape)

# cell 32
grid = np.c_[gridx1.flatten(), gridx2.flatten()]
prob = clf.predict_proba(grid)
print(prob.shape)

# cell 34
d = np.array([0, 1, 2, 3])
print(d)
print('reshaped to (2,2):')
print(d.reshape(2, 2))

# cell 37
# note that prob[:,1] returns, for all exemples,
# the probability p to belong to category 1.
# prob[:,0] would return the probability to belong
# to category 0 (which is 1-p)
plt.pcolor(gridx1, gridx2, prob[:, 1].reshape(npoints, npoints))
plt.colorbar()
plt.scatter(sgx0[:, 0], sgx0[:, 1], alpha=0.5)
plt.scatter(sgx1[:, 0], sgx1[:, 1], alpha=0.5)
plt.xlabel('x1')
plt.ylabel('x2')
save("2d_regression")

# cell 41
x1 = np.random.uniform(-1, 1, nexamples)
x2 = np.random.uniform(-1, 1, nexamples)

# cell 42
# stacking the x1, x2 values
# into an array of shape (nexamples, 2)
# this array contains the examples of
# both categories, so all examples
# in the plane
srx = np.column_stack((x1, x2))
# select examples for category 0
srx0 = srx[x1*x2 >= 0]
# select examples for category 1
srx1 = srx[x1*x2 < 0]

# cell 43
plt.scatter(srx0[:, 0], srx0[:, 1])
plt.scatter(srx1[:, 0], srx1[:, 1])
plt.xlabel('x1')
plt.ylabel('x2')
save("2d_quadrants")

# cell 45
# category 0:
# for all examples in category 0,
# we take the product x1*x2
sru0 = srx0[:, 0] * srx0[:, 1]
# and we assign 1 as a label to this category
sry0 = np.ones(len(sru0))
# same for category 1
sru1 = srx1[:, 0] * srx1[:, 1]
sry1 = np.zeros(len(sru1))
plt.scatter(sru0, sry0)
plt.scatter(sru1, sry1)
plt.xlabel('u=x1*x2')
plt.ylabel('category')
save("2d_u")

# cell 47
# merge the examples from the two categories
sru = np.concatenate((sru0, sru1))
# turn the resulting array into an array of shape
# (nexamples, 1), that can be fitted by
# scikit-learn
sru = np.c_[sru]
# merge the labels from the two categories
sry = np.concatenate((sry0, sry1))
# create the logistic regression and fit
clf = LogisticRegression(random_state=0, solver='lbfgs').fit(sru, sry)

# cell 49
linx = np.c_[np.linspace(-1, 1, 100)]
prob = clf.predict_proba(linx)
prob = prob[:, 1].reshape(len(linx))
plt.plot(linx, prob)
plt.scatter(sru0, sry0)
plt.scatter(sru1, sry1)
save("2d_u_regression")

# cell 51
xmin, xmax, npoints = -1, 1, 100
gridx1, gridx2 = np.meshgrid(np.linspace(xmin, xmax, npoints),
                             np.linspace(xmin, xmax, npoints))
gridu = gridx1 * gridx2
us = np.c_[gridu.flatten()]
probs = clf.predict_proba(us)
print(probs[:, 1].shape)

# cell 52
plt.pcolor(gridx1, gridx2, probs[:, 1].reshape(npoints, npoints))
plt.colorbar()
plt.scatter(srx0[:, 0], srx0[:, 1])
plt.scatter(srx1[:, 0], srx1[:, 1])
plt.xlabel('x1')
plt.ylabel('x2')
save("2d_u_map")

# cell 55
srx = np.concatenate((srx0, srx1))
sry = np.concatenate((sry0, sry1))

# cell 57
from sklearn.neural_network import MLPClassifier  # noqa: E402,F811

mlp = MLPClassifier(hidden_layer_sizes=(50), activation='relu', max_iter=10000)

mlp.fit(srx, sry)

# cell 59
x1 = np.random.uniform(-1, 1, nexamples)
x2 = np.random.uniform(-1, 1, nexamples)
x = np.column_stack((x1, x2))
xt0 = x[x1*x2 > 0]
xt1 = x[x1*x2 < 0]
yt0 = np.ones(len(xt0))
yt1 = np.zeros(len(xt1))
xt = np.c_[np.concatenate((xt0, xt1))]
yt = np.concatenate((yt0, yt1))
print(xt.shape)

# cell 61
from sklearn.metrics import accuracy_score  # noqa: E402
# predict the category for all test examples
predictions = mlp.predict(xt)
# compare the predictions to the true categories,
# and compute the accuracy:
print(accuracy_score(yt, predictions))

# cell 63
grid = np.c_[gridx1.flatten(), gridx2.flatten()]
probs = mlp.predict_proba(grid)
plt.pcolor(gridx1, gridx2, probs[:, 1].reshape(npoints, npoints))
plt.colorbar()
plt.scatter(xt0[:, 0], xt0[:, 1])
plt.scatter(xt1[:, 0], xt1[:, 1])
plt.xlabel('x1')
plt.ylabel('x2')
save("2d_mlp_map")

# cell 65
x = np.linspace(-1, 1)
# x*(x>0) is equal to x for x>0
# and to 0 otherwise
plt.plot(x, x*(x > 0))
plt.xlabel('x')
plt.ylabel('ReLU(x)')
save("2d_relu")
