// Support vector machines: kernel SVC with probabilities, SVR, and the linear LinearSVC.
import assert from 'node:assert/strict';
import { LinearSVC, SVC, SVR } from 'typelearn/svm';

// Two interleaved half-moons: not linearly separable, easy for an RBF kernel.
const X: number[][] = [];
const y: number[] = [];
for (let i = 0; i < 60; i++) {
  const t = (Math.PI * i) / 59;
  X.push([Math.cos(t), Math.sin(t)]);
  y.push(0);
  X.push([1 - Math.cos(t), 0.5 - Math.sin(t)]);
  y.push(1);
}

const svc = await new SVC({ kernel: 'rbf', C: 10, probability: true, randomState: 0 }).fit(X, y);
assert.equal(svc.score(X, y), 1);
assert.equal(svc.nSupport.length, 2); // support vectors per class
const proba = svc.predictProba([[0, 1]]); // Platt scaling fitted by internal 5-fold CV
assert.ok(proba.get(0, 0) > 0.9);

const linear = await new LinearSVC({ C: 1, randomState: 0 }).fit(X, y);
assert.ok(linear.score(X, y) < 0.95); // a straight line cannot separate the moons
assert.deepEqual(linear.coef.shape, [1, 2]);

// Regression: the ε-insensitive tube ignores errors below epsilon.
const xs = Array.from({ length: 40 }, (_, i) => [i / 10]);
const ys = xs.map(([v]) => Math.sin(v));
const svr = await new SVR({ C: 10, epsilon: 0.01 }).fit(xs, ys);
assert.ok(Math.abs(svr.predict([[1.55]])[0] - Math.sin(1.55)) < 0.05);
