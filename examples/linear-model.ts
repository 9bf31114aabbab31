// Linear models: least squares, ridge and lasso, cross-validated alphas, and logistic regression with string labels.
import assert from 'node:assert/strict';
import { ConvergenceWarning, captureWarnings } from 'typelearn/base';
import { loadDataset } from 'typelearn/data';
import {
  Lasso,
  LassoCV,
  LinearRegression,
  LogisticRegression,
  Ridge,
  RidgeCV,
  SGDRegressor,
} from 'typelearn/linear-model';

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const { data: X, target: y } = loadDataset('diabetes');

// Ordinary least squares: the same coefficients as scikit-learn.
const ols = await new LinearRegression().fit(X, y);
close(ols.intercept as number, 152.13348416289597, 1e-8);
close(ols.coef[2], 519.84592005, 1e-6);
close(ols.score(X, y), 0.5177484222203498, 1e-10); // R²

// Penalties: ridge shrinks every coefficient, lasso sets some exactly to zero.
const ridge = await new Ridge({ alpha: 1 }).fit(X, y);
close(ridge.coef[2], 306.35268015, 1e-6);
const lasso = await new Lasso({ alpha: 1 }).fit(X, y);
assert.equal(Array.from(lasso.coef).filter((c) => c !== 0).length, 3); // bmi, bp, s5 survive
close(lasso.coef[2], 367.70385976, 1e-4);

// The CV variants choose the penalty by cross-validation and refit with it.
const ridgeCV = await new RidgeCV({ alphas: [0.01, 0.1, 1, 10] }).fit(X, y); // efficient leave-one-out
assert.equal(ridgeCV.alpha, 0.01);
const lassoCV = await new LassoCV({ cv: 5 }).fit(X, y);
close(lassoCV.alpha, 0.00375376715269185, 1e-9);

// SGD without shuffling takes scikit-learn's updates step by step (here all 1000 epochs,
// with a ConvergenceWarning, as in scikit-learn), so even an unconverged fit is the same.
const { result: sgd, warnings } = await captureWarnings(() => new SGDRegressor({ shuffle: false }).fit(X, y));
close(sgd.coef[2], 276.92424112, 1e-6);
assert.equal(sgd.nIter, 1000);
assert.ok(warnings[0] instanceof ConvergenceWarning);

// Logistic regression: numeric or string labels, multinomial for more than two classes.
const iris = loadDataset('iris');
const names = Array.from(iris.target.data, (k) => iris.targetNames[k]); // 'setosa', ...
const clf = await new LogisticRegression({ maxIter: 1000 }).fit(iris.data, names);
assert.deepEqual(clf.classes, ['setosa', 'versicolor', 'virginica']);
close(clf.score(iris.data, names), 0.9733333333333334, 1e-12);
const proba = clf.predictProba([Array.from(iris.data.data.subarray(0, 4))]);
close(proba.get(0, 0), 0.981583252, 1e-6); // sklearn's predict_proba for the first flower
assert.equal(clf.coef.length, 3 * 4); // nClasses x nFeatures, row-major
console.log(
  `OLS R² ${ols.score(X, y).toFixed(4)}, lasso keeps 3 of 10 features, iris accuracy ${clf.score(iris.data, names)}`,
);
