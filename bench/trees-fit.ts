/**
 * Child process of the `trees` suite: fits one forest with worker threads and
 * prints `{ seconds, maxRssMB, score }` as JSON. The benchmark harness times
 * synchronous calls, and a multi-threaded fit is asynchronous (it waits for
 * its workers), so the suite runs it here through `spawnSync`; the timed
 * call then includes this process's start-up and data load (reported
 * separately as `seconds`, the fit alone).
 *
 * Usage: node dist/bench/trees-fit.js <classification|regression> <file> <n> <p> <nTrain> <nEstimators> <nJobs>
 */
import { readFileSync } from 'node:fs';
import { RandomForestClassifier } from '../src/ensemble/random-forest-classifier.js';
import { RandomForestRegressor } from '../src/ensemble/random-forest-regressor.js';
import { Tensor } from '../src/tensor/tensor.js';

const [kind, file, nArg, pArg, nTrainArg, treesArg, jobsArg] = process.argv.slice(2);
const n = Number(nArg);
const p = Number(pArg);
const nTrain = Number(nTrainArg);
const bytes = readFileSync(file);
const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const X = new Tensor(all.slice(0, nTrain * p), [nTrain, p]);
const y = all.slice(n * p, n * p + nTrain);
const Xtest = new Tensor(all.slice(nTrain * p, n * p), [n - nTrain, p]);
const ytest = all.slice(n * p + nTrain);
const options = { nEstimators: Number(treesArg), nJobs: Number(jobsArg), randomState: 0 };
const model = kind === 'classification' ? new RandomForestClassifier(options) : new RandomForestRegressor(options);
const start = performance.now();
await model.fit(X, y);
const seconds = (performance.now() - start) / 1000;
const score = model.score(Xtest, ytest);
process.stdout.write(`${JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, score })}\n`);
