/**
 * Keeps documentation honest: every program in examples/ runs (tsc already
 * type-checks them), and every code block in README.md or docs/*.md that is
 * introduced by `<!-- example: examples/NAME.ts -->` is exactly that file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

describe('examples/', () => {
  const programs = readdirSync(new URL('examples/', root)).filter((f) => f.endsWith('.ts'));
  test('there are examples', () => assert.ok(programs.length > 0));
  for (const file of programs) {
    test(`${file} runs`, () => {
      const compiled = new URL(`dist/examples/${file.replace(/\.ts$/, '.js')}`, root);
      // Quick mode: examples that can train on a full dataset use their bundled sample here.
      execFileSync(process.execPath, [compiled.pathname], {
        stdio: 'pipe',
        timeout: 60_000,
        env: { ...process.env, TYPELEARN_EXAMPLES_QUICK: '1' },
      });
    });
  }
});

describe('docs code blocks match their example files', () => {
  const pages = [
    'README.md',
    ...readdirSync(new URL('docs/', root))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const marker = /<!-- example: (examples\/[\w.-]+\.ts) -->\s*```ts\n([\s\S]*?)```/g;
  for (const page of pages) {
    for (const [, file, block] of read(page).matchAll(marker)) {
      test(`${page} shows ${file} verbatim`, () => assert.equal(block, read(file)));
    }
  }
});
