// Runs the worker pool and a parallel GridSearchCV in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core): Web Workers, SharedArrayBuffer data (the page is served
// cross-origin isolated), typed errors, and nJobs 2 giving exactly nJobs 1's scores.
// Skips, visibly, without Chromium.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../helpers/browser.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Serves `dist/` with the headers that make a page cross-origin isolated (SharedArrayBuffer). */
function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    if (path === '/favicon.ico') {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    if (path === '/') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>typelearn parallel</title>');
      return;
    }
    const file = normalize(join(ROOT, path));
    if (!file.startsWith(join(ROOT, 'dist')) || !existsSync(file)) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('the worker pool and a parallel search run in Chromium on Web Workers with shared memory', {
  timeout: 90_000,
}, async (t) => {
  const browser = await launchChromium(t);
  if (browser === null) return;
  const server = await serveDist();
  const { port } = server.address() as AddressInfo;
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'the page is cross-origin isolated');

    const pool = await page.evaluate(async () => {
      const parallel = await import('/dist/src/parallel/index.js' as string);
      const { Tensor } = await import('/dist/src/tensor/tensor.js' as string);
      const handler = new URL('/dist/test/parallel/browser-handler.js', location.href);
      const squares = await parallel.runInPool([{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }], { size: 2, handler });
      const X = parallel.shareTensor(
        new Tensor(
          Float64Array.from({ length: 12 }, (_: unknown, i: number) => i),
          [4, 3],
        ),
      );
      const sums = await parallel.runInPool(
        [0, 1, 2, 3].map((r) => ({ x: 0, rowSum: r })),
        { size: 2, handler, context: { X } },
      );
      await parallel.runInPool([{ x: 7, write: 5 }], { size: 1, handler, context: { X } });
      let error = '';
      try {
        await parallel.runInPool([{ x: 9, fail: true }], { size: 1, handler });
      } catch (e) {
        error = `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
      await parallel.closeReusablePools();
      return {
        squares,
        sums,
        written: parallel.fromShared(X).data[5],
        shared: X.buffer instanceof SharedArrayBuffer,
        error,
        cores: parallel.resolveNJobs(-1),
      };
    });
    assert.deepEqual(
      pool.squares,
      [1, 4, 9, 16].map((square) => ({ square, inWorker: true })),
    );
    assert.deepEqual(pool.sums, [3, 12, 21, 30]);
    assert.equal(pool.written, -7, 'the worker wrote into the page’s shared memory');
    assert.equal(pool.shared, true);
    assert.equal(pool.error, 'RangeError: task 9 failed in a Web Worker');
    assert.ok(pool.cores >= 1);

    const search = await page.evaluate(async () => {
      const { LogisticRegression } = await import('/dist/src/linear-model/index.js' as string);
      const { GridSearchCV } = await import('/dist/src/model-selection/index.js' as string);
      const { Tensor } = await import('/dist/src/tensor/tensor.js' as string);
      const n = 300;
      const X = new Float64Array(n * 3);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < 3; j++) X[i * 3 + j] = Math.sin(i * (j + 1) * 0.37);
        y[i] = X[i * 3] + 0.5 * X[i * 3 + 1] > 0.1 ? 1 : 0;
      }
      const warnings: string[] = [];
      const scores = async (nJobs: number) => {
        const s = await new GridSearchCV(new LogisticRegression(), { C: [0.01, 0.1, 1, 10] }, { cv: 3, nJobs }).fit(
          new Tensor(X, [n, 3]),
          new Tensor(y, [n]),
        );
        return Array.from(s.cvResults.mean_test_score as Float64Array);
      };
      const { setWarningHandler } = await import('/dist/src/base/warnings.js' as string);
      const previous = setWarningHandler((w: Error) => warnings.push(w.message));
      try {
        return { one: await scores(1), two: await scores(2), warnings };
      } finally {
        setWarningHandler(previous);
      }
    });
    assert.equal(search.one.length, 4);
    assert.deepEqual(search.two, search.one, 'nJobs 2 gives exactly the scores of nJobs 1');
    assert.deepEqual(search.warnings, [], 'the search ran on workers (no fallback warning)');

    // A boosting fit large enough for the companion thread: the page's main thread spins
    // (it may not sleep in Atomics.wait) while a Web Worker builds half of each histogram.
    const boosting = await page.evaluate(async () => {
      const parallel = await import('/dist/src/parallel/index.js' as string);
      const { HistGradientBoostingClassifier } = await import('/dist/src/ensemble/index.js' as string);
      const { Tensor } = await import('/dist/src/tensor/tensor.js' as string);
      const n = 24_000;
      const p = 10;
      const X = new Float64Array(n * p);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < p; j++) X[i * p + j] = Math.sin(i * (j + 1) * 0.731 + j);
        y[i] = X[i * p] + X[i * p + 1] * X[i * p + 2] > 0.2 ? 1 : 0;
      }
      let companions = 0;
      const start = parallel.Companion.start;
      parallel.Companion.start = async (...args: unknown[]) => {
        const companion = await start.apply(parallel.Companion, args);
        if (companion !== null) companions++;
        return companion;
      };
      const fit = async () =>
        JSON.stringify(
          (
            await new HistGradientBoostingClassifier({ maxIter: 10, randomState: 0 }).fit(new Tensor(X, [n, p]), y)
          ).toJSON(),
        );
      try {
        const two = await fit();
        parallel.setNumThreads(1);
        const one = await fit();
        return { same: two === one, companions, cores: navigator.hardwareConcurrency };
      } finally {
        parallel.Companion.start = start;
        parallel.setNumThreads(navigator.hardwareConcurrency);
        await parallel.closeReusablePools();
      }
    });
    assert.equal(boosting.same, true, 'two threads give the one-thread model');
    assert.equal(boosting.companions, boosting.cores >= 2 ? 1 : 0, 'the first fit ran with a companion Web Worker');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
