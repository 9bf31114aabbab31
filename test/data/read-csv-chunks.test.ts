import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../../src/base/errors.js';
import { type CategoricalColumn, concat, type Frame, readCsv, readCsvChunks } from '../../src/data/index.js';

// Files are written next to the compiled test (inside the repo's build output).
const dir = fileURLToPath(new URL('./tmp-chunks/', import.meta.url));
mkdirSync(dir, { recursive: true });

function write(name: string, text: string): string {
  const path = dir + name;
  writeFileSync(path, text);
  return path;
}

async function collect(path: string, chunkSize: number): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of readCsvChunks(path, { chunkSize })) out.push(f);
  return out;
}

describe('readCsvChunks', () => {
  const lines = ['id,cat,x,note'];
  for (let i = 0; i < 2500; i++) {
    const note = i % 7 === 0 ? '"has, comma\nand newline"' : `n${i % 5}`;
    lines.push(`${i},c${(i * 7) % 13},${i % 11 === 0 ? '' : (i / 8).toString()},${note}`);
  }
  const text = `${lines.join('\n')}\n`;
  const path = write('mixed.csv', text);

  test('chunks put together equal reading the whole file', async () => {
    const chunks = await collect(path, 300);
    assert.equal(chunks.length, Math.ceil(2500 / 300));
    assert.ok(chunks.slice(0, -1).every((c) => c.nRows === 300));
    const whole = readCsv(path);
    const joined = concat(chunks);
    assert.deepEqual(joined.dtypes, whole.dtypes);
    assert.deepEqual(joined.toRecords(), whole.toRecords());
  });

  test('categorical codes are stable across chunks', async () => {
    const chunks = await collect(path, 500);
    const first = chunks[0].column('cat') as CategoricalColumn;
    const last = chunks[chunks.length - 1].column('cat') as CategoricalColumn;
    assert.deepEqual(last.categories.slice(0, first.categories.length), [...first.categories]);
  });

  test('an int column that later holds decimals becomes float', async () => {
    const p = write('promote.csv', `a\n${Array.from({ length: 50 }, (_, i) => i).join('\n')}\n2.5\n`);
    const chunks = await collect(p, 10);
    assert.equal(chunks[0].dtypes.a, 'int');
    assert.equal(chunks[chunks.length - 1].dtypes.a, 'float');
    assert.equal(concat(chunks).nRows, 51);
  });

  test("a later value that does not fit the first chunk's type names line and column", async () => {
    const p = write('misfit.csv', `a,b\n${Array.from({ length: 30 }, (_, i) => `${i},x`).join('\n')}\nword,y\n`);
    await assert.rejects(collect(p, 10), (e: Error) => {
      assert.ok(e instanceof ValidationError);
      assert.match(e.message, /line 32\b/);
      assert.match(e.message, /'a'/);
      return true;
    });
  });

  test('nrows stops early and emits the partial chunk', async () => {
    let n = 0;
    for await (const f of readCsvChunks(path, { chunkSize: 400, nrows: 1000 })) n += f.nRows;
    assert.equal(n, 1000);
  });
});
