import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { AgglomerativeClustering } from '../../src/cluster/agglomerative-clustering.js';
import { DBSCAN } from '../../src/cluster/dbscan.js';
import type { Linkage } from '../../src/cluster/linkage.js';
import { assertClose } from '../helpers/fixtures.js';

// Made by test/fixtures/generated/make_hierarchy_dbscan_iris.py (scikit-learn 1.2.1).
const fx = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/generated/cluster_hierarchy_dbscan_iris.json', import.meta.url), 'utf8'),
);
const X: number[][] = fx.inputs.X;

describe('AgglomerativeClustering', () => {
  for (const linkage of ['ward', 'complete', 'average', 'single'] as Linkage[]) {
    test(`matches sklearn on iris (${linkage})`, async () => {
      const e = fx.agglomerative[linkage];
      const ac = await new AgglomerativeClustering({ nClusters: 3, linkage }).fit(X);
      assertClose(ac.distances, e.distances_, { rtol: 1e-9, atol: 1e-12, label: 'distances' });
      // Merges of equal (to rounding) height may come in either order (iris has duplicate rows), which renumbers
      // later clusters: compare each merge by the sets of rows it joins.
      const n = X.length;
      const leafSets = (ch: number[][]) => {
        const sets: string[] = [];
        const members: number[][] = [];
        const leaves = (v: number) => (v < n ? [v] : members[v - n]);
        ch.forEach(([a, b], i) => {
          members[i] = [...leaves(a), ...leaves(b)].sort((p, q) => p - q);
          sets.push([leaves(a).join(), leaves(b).join()].sort().join('|'));
        });
        return sets;
      };
      const got = leafSets(ac.children.toArray() as number[][]);
      const want = leafSets(e.children_);
      const h: number[] = e.distances_;
      let compared = 0;
      for (let i = 0; i < h.length; i++) {
        if (h.some((v, j) => j !== i && Math.abs(v - h[i]) <= 1e-12 * h[i])) continue;
        assert.equal(got[i], want[i], `merge ${i}`);
        compared++;
      }
      assert.ok(compared >= 10, `${compared} merges compared`);
      assert.deepEqual(Array.from(ac.labels), e.labels_);
    });
  }

  test('distanceThreshold', async () => {
    const ac = await new AgglomerativeClustering({
      nClusters: null,
      distanceThreshold: fx.threshold.distance_threshold,
    }).fit(X);
    assert.equal(ac.nClustersFound, fx.threshold.n_clusters_);
    assert.deepEqual(Array.from(ac.labels), fx.threshold.labels_);
  });

  test('bad input: threshold with nClusters, more clusters than samples', async () => {
    await assert.rejects(
      new AgglomerativeClustering({ nClusters: 2, distanceThreshold: 1 }).fit(X),
      (e: Error) => e instanceof ValidationError && /Exactly one of nClusters and distanceThreshold/.test(e.message),
    );
    await assert.rejects(new AgglomerativeClustering({ nClusters: 5 }).fit([[0], [1], [2]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new AgglomerativeClustering({ nClusters: 3 }));
  });
});

describe('DBSCAN', () => {
  test('matches sklearn on iris', async () => {
    const db = await new DBSCAN({ eps: fx.dbscan.eps, minSamples: fx.dbscan.min_samples }).fit(X);
    assert.deepEqual(Array.from(db.labels), fx.dbscan.labels_);
    assert.deepEqual(Array.from(db.coreSampleIndices), fx.dbscan.core_sample_indices_);
    assert.equal(db.components.shape[0], fx.dbscan.core_sample_indices_.length);
  });

  test('sample weights count towards minSamples', async () => {
    const db = await new DBSCAN({ eps: 1, minSamples: 3 }).fit([[0], [0.5], [10]], undefined, {
      sampleWeight: [1, 1, 3],
    });
    assert.deepEqual(Array.from(db.labels), [-1, -1, 0]);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new DBSCAN({ eps: 1.5, minSamples: 3 }));
  });
});
