// Every user mistake exits 1 with one `error:` line and no stack trace.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli, tmpDir, writeFixture } from './run-cli.js';

const dir = tmpDir('bad-input');
const train = join(dir, 'train.csv');
const model = join(dir, 'model.tl');

async function failsWith(args: string[], message: RegExp): Promise<void> {
  const run = await runCli(...args);
  assert.equal(run.code, 1, `exit code of ${args.join(' ')}: ${run.stderr}`);
  const errors = run.stderr.split('\n').filter((l) => l.startsWith('error:'));
  assert.equal(errors.length, 1, run.stderr);
  assert.match(errors[0], message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'stack trace printed');
  assert.equal(run.stderr.trim().split('\n').at(-1), errors[0], 'the error is the last line');
}

describe('bad input through the CLI', { concurrency: true }, () => {
  before(async () => {
    writeFixture(train, 60, 3);
    const run = await runCli(
      'train',
      train,
      '--target',
      'label',
      '--model',
      'gaussian-nb',
      '--cv',
      '2',
      '--out',
      model,
    );
    assert.equal(run.code, 0, run.stderr);
  });

  test('an unknown target column lists the columns', () =>
    failsWith(
      ['train', train, '--target', 'nope'],
      /^error: unknown target column 'nope' .*columns: age, color, size, name, label, price$/,
    ));

  test('a ragged CSV names the line', () => {
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b,y\n1,2,x\n3,4,y\n5,6\n7,8,x\n');
    return failsWith(['train', ragged, '--target', 'y'], /^error: .*ragged\.csv line 4: .*expected 3 fields/);
  });

  test('predicting on a CSV without a training column names it', () => {
    const lacking = join(dir, 'lacking.csv');
    writeFixture(lacking, 5, 4, ['age', 'size', 'name', 'price']);
    return failsWith(
      ['predict', model, lacking],
      /^error: .*lacking\.csv lacks the column 'color' the model was trained on$/,
    );
  });

  test('a corrupted model file', async () => {
    const bytes = readFileSync(model);
    const truncated = join(dir, 'truncated.tl');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await failsWith(['predict', truncated, train], /^error: model file .*truncated\.tl is truncated/);
    const flipped = join(dir, 'flipped.tl');
    const copy = Buffer.from(bytes);
    copy[copy.length - 20] ^= 0xff;
    writeFileSync(flipped, copy);
    await failsWith(['evaluate', flipped, train], /^error: model file .*flipped\.tl is corrupted/);
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, '{"hello": "world"}');
    await failsWith(['predict', foreign, train], /^error: .*foreign\.json is not a typelearn model file/);
    const png = join(dir, 'picture.tl');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    await failsWith(['predict', png, train], /^error: .*picture\.tl is not a typelearn model file.*PNG/i);
  });

  test('an unknown model name lists the known ones', () =>
    failsWith(
      ['train', train, '--target', 'label', '--model', 'deep-magic'],
      /^error: unknown model 'deep-magic'; known models: .*logistic-regression.*ridge/,
    ));

  test('a regression target with a classifier', () =>
    failsWith(
      ['train', train, '--target', 'price', '--model', 'logistic-regression'],
      /^error: model 'logistic-regression' is a classifier, but target 'price' is a regression target/,
    ));

  test('compare with a model of the other task', () =>
    failsWith(
      ['compare', train, '--target', 'label', '--models', 'logistic-regression,ridge'],
      /^error: model 'ridge' is a regressor, but target 'label' is a classification target/,
    ));

  test('a missing file, a missing --target, bad --params and --cv', async () => {
    await failsWith(['describe', join(dir, 'absent.csv')], /^error: no such file or bundled dataset/);
    await failsWith(['train', train], /^error: --target is required for a CSV file; columns: age/);
    await failsWith(['train', train, '--target', 'label', '--params', '[1]'], /^error: --params must be a JSON object/);
    await failsWith(
      ['train', train, '--target', 'label', '--cv', '1'],
      /^error: --cv must be an integer of at least 2/,
    );
  });

  test('--help on every command shows examples', async () => {
    for (const cmd of [[], ['train'], ['compare'], ['describe'], ['predict'], ['evaluate'], ['datasets']]) {
      const run = await runCli(...cmd, '--help');
      assert.equal(run.code, 0, `${cmd} --help`);
      assert.match(run.stdout, /Examples:\n\s+\$ typelearn/, `${cmd} --help`);
    }
  });

  test('describe prints statistics, missing counts and inferred types', async () => {
    const run = await runCli('describe', train);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /missing/);
    assert.match(run.stdout, /age\s+\d+\s+[1-9]\d*\s.*int\s+numeric feature/);
    assert.match(run.stdout, /name\s.*category\s+ignored \(text-like\)/);
    assert.match(run.stdout, /color\s.*category\s+categorical feature/);
  });
});
