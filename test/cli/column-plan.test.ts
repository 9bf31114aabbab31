// How the command line reads column types and the task, in-process.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { columnRole, detectTask, planColumns } from '../../src/cli/column-plan.js';
import { meanStd } from '../../src/cli/evaluation.js';
import { Frame } from '../../src/data/index.js';

const n = 60;
const frame = Frame.fromColumns({
  age: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i * 1.5)),
  city: Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]),
  name: Array.from({ length: n }, (_, i) => `person ${i}`),
  flag: Array.from({ length: n }, (_, i) => i % 2 === 0),
  when: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))),
  count: Array.from({ length: n }, (_, i) => i % 4),
  amount: Array.from({ length: n }, (_, i) => i * 10),
});

describe('column plan', () => {
  test('roles: numbers and booleans numeric, few strings categorical, unique strings text, dates ignored', () => {
    assert.equal(columnRole(frame.column('age')), 'numeric');
    assert.equal(columnRole(frame.column('flag')), 'numeric');
    assert.equal(columnRole(frame.column('city')), 'categorical');
    assert.equal(columnRole(frame.column('name')), 'text');
    assert.equal(columnRole(frame.column('when')), 'datetime');
    const plan = planColumns(frame, ['age', 'city', 'name', 'when']);
    assert.deepEqual(plan.numeric, ['age']);
    assert.deepEqual(plan.categorical, ['city']);
    assert.deepEqual(
      plan.ignored.map((c) => c.name),
      ['name', 'when'],
    );
  });

  test('task: strings, booleans and few integers classify; floats and many integers regress', () => {
    assert.equal(detectTask(frame.column('city')), 'classification');
    assert.equal(detectTask(frame.column('flag')), 'classification');
    assert.equal(detectTask(frame.column('count')), 'classification');
    assert.equal(detectTask(frame.column('amount')), 'regression');
    assert.equal(detectTask(frame.column('age')), 'regression');
  });

  test('meanStd is the population std and skips NaN', () => {
    assert.deepEqual(meanStd(Float64Array.of(1, 3, Number.NaN)), { mean: 2, std: 1 });
    assert.ok(Number.isNaN(meanStd(Float64Array.of(Number.NaN)).mean));
  });
});
