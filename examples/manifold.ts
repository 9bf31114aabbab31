// Non-linear embeddings: t-SNE of iris, Isomap of a swiss roll, MDS stress.
import assert from 'node:assert/strict';
import { loadDataset } from 'typelearn/data';
import { Isomap, MDS, TSNE, trustworthiness } from 'typelearn/manifold';

const { data: iris } = loadDataset('iris');
const tsne = new TSNE({ perplexity: 30, randomState: 0 });
const embedding = await tsne.fitTransform(iris); // Barnes-Hut, PCA initialisation
console.log(`t-SNE KL ${tsne.klDivergence.toFixed(3)}, trustworthiness ${trustworthiness(iris, embedding).toFixed(3)}`);
assert.ok(trustworthiness(iris, embedding) > 0.97);

// A swiss roll: Isomap unrolls it, so the first coordinate follows the position t along the roll.
const t = Array.from({ length: 300 }, (_, i) => 1.5 * Math.PI * (1 + (2 * i) / 300));
const roll = t.map((v, i) => [v * Math.cos(v), (10 * ((i * 7919) % 300)) / 300, v * Math.sin(v)]);
const Y = await new Isomap({ nNeighbors: 10 }).fitTransform(roll);
const first = Array.from({ length: 300 }, (_, i) => Y.get(i, 0));
const corr = (a: number[], b: number[]) => {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((v, i) => {
    ab += (v - ma) * (b[i] - mb);
    aa += (v - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
};
console.log(`Isomap: |corr(first coordinate, t)| = ${Math.abs(corr(first, t)).toFixed(3)}`);
assert.ok(Math.abs(corr(first, t)) > 0.99);

const mds = await new MDS({ nComponents: 2, randomState: 0 }).fit(roll.slice(0, 60));
console.log(`MDS stress on 60 points: ${mds.stress.toFixed(1)}`);
assert.deepEqual(mds.embedding.shape, [60, 2]);
