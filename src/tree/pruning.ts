/**
 * Minimal cost-complexity pruning (scikit-learn's `_cost_complexity_prune`):
 * repeatedly collapse the internal node whose subtree buys the least impurity
 * per extra leaf, `α(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1)` with
 * `R(t) = impurity(t) · weight(t) / weight(root)`, while `α ≤ ccpAlpha`
 * (pruning) or until only the root is left (the pruning path).
 */
import { TREE_LEAF, Tree } from './tree-structure.js';

/** The pruning path: effective alphas (increasing) and total leaf impurity after each step. */
export interface PruningPath {
  ccpAlphas: Float64Array;
  impurities: Float64Array;
}

/**
 * Runs the weakest-link loop. `stop(alpha)` ends it before pruning at `alpha`;
 * `record(alpha, impurity)` sees every state (the unpruned one first, with α = 0).
 * Returns which nodes remain (`alive`) and which remaining nodes became leaves.
 */
function weakestLinks(
  tree: Tree,
  stop: (alpha: number) => boolean,
  record?: (alpha: number, impurity: number) => void,
): { alive: Uint8Array; leaf: Uint8Array } {
  const n = tree.nodeCount;
  const left = tree.childrenLeft;
  const right = tree.childrenRight;
  const total = tree.weightedNNodeSamples[0];
  const parent = new Int32Array(n).fill(-1);
  const rNode = new Float64Array(n);
  const rBranch = new Float64Array(n);
  const nLeaves = new Float64Array(n);
  const alive = new Uint8Array(n).fill(1);
  const leaf = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    rNode[i] = (tree.impurity[i] * tree.weightedNNodeSamples[i]) / total;
    if (left[i] !== TREE_LEAF) {
      parent[left[i]] = i;
      parent[right[i]] = i;
    } else leaf[i] = 1;
  }
  // Children have larger ids than parents: accumulate bottom-up in reverse id order.
  for (let i = n - 1; i >= 0; i--) {
    if (leaf[i] === 1) {
      nLeaves[i] = 1;
      rBranch[i] = rNode[i];
    } else {
      nLeaves[i] = nLeaves[left[i]] + nLeaves[right[i]];
      rBranch[i] = rBranch[left[i]] + rBranch[right[i]];
    }
  }
  record?.(0, rBranch[0]);
  while (leaf[0] === 0) {
    let best = Number.POSITIVE_INFINITY;
    let node = -1;
    for (let i = 0; i < n; i++) {
      if (alive[i] === 0 || leaf[i] === 1) continue;
      const a = (rNode[i] - rBranch[i]) / (nLeaves[i] - 1);
      if (a < best) {
        best = a;
        node = i;
      }
    }
    if (node < 0 || stop(best)) break;
    // Remove the subtree below `node`.
    const stack = [left[node], right[node]];
    while (stack.length > 0) {
      const j = stack.pop() as number;
      alive[j] = 0;
      if (leaf[j] === 0) stack.push(left[j], right[j]);
    }
    const dLeaves = nLeaves[node] - 1;
    const dR = rBranch[node] - rNode[node];
    leaf[node] = 1;
    nLeaves[node] = 1;
    rBranch[node] = rNode[node];
    for (let p = parent[node]; p >= 0; p = parent[p]) {
      nLeaves[p] -= dLeaves;
      rBranch[p] -= dR;
    }
    record?.(best, rBranch[0]);
  }
  return { alive, leaf };
}

/**
 * The tree pruned with strength `ccpAlpha` (renumbered depth-first); the tree
 * itself when nothing is pruned.
 * @example const pruned = pruneTree(model.tree, 0.01);
 */
export function pruneTree(tree: Tree, ccpAlpha: number): Tree {
  const { alive, leaf } = weakestLinks(tree, (alpha) => ccpAlpha < alpha);
  let changed = false;
  for (let i = 0; i < tree.nodeCount; i++)
    if (alive[i] === 0 || (leaf[i] === 1 && tree.childrenLeft[i] !== TREE_LEAF)) changed = true;
  if (!changed) return tree;
  const out = new Tree(tree.nFeatures, tree.valueWidth, tree.nodeCount);
  const w = tree.valueWidth;
  const stack: [number, number, boolean][] = [[0, -1, false]];
  while (stack.length > 0) {
    const [i, parentId, isLeft] = stack.pop() as [number, number, boolean];
    const isLeaf = leaf[i] === 1;
    const id = out.addNode({
      parent: parentId,
      isLeft,
      isLeaf,
      feature: tree.feature[i],
      threshold: tree.threshold[i],
      impurity: tree.impurity[i],
      nNodeSamples: tree.nNodeSamples[i],
      weightedNNodeSamples: tree.weightedNNodeSamples[i],
      missingGoLeft: tree.missingGoLeft[i] === 1,
    });
    out.value.set(tree.value.subarray(i * w, (i + 1) * w), id * w);
    if (!isLeaf) stack.push([tree.childrenRight[i], id, false], [tree.childrenLeft[i], id, true]);
  }
  return out.trim();
}

/**
 * Effective alphas and total leaf impurities of the subtrees met while
 * pruning `tree` down to its root (sklearn's `cost_complexity_pruning_path`).
 * @example const { ccpAlphas, impurities } = pruningPath(model.tree);
 */
export function pruningPath(tree: Tree): PruningPath {
  const alphas: number[] = [];
  const impurities: number[] = [];
  weakestLinks(
    tree,
    () => false,
    (a, imp) => {
      alphas.push(a);
      impurities.push(imp);
    },
  );
  return { ccpAlphas: Float64Array.from(alphas), impurities: Float64Array.from(impurities) };
}
