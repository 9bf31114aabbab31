import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ModelFormatError } from '../../src/io/errors.js';
import { deserialize, readModelInfo, serialize } from '../../src/io/serialize.js';
import { LinearRegression } from '../../src/linear-model/index.js';
import { Linear } from '../../src/nn/layers/linear.js';
import { serializeModule } from '../../src/nn/serialization.js';

describe('io metadata and foreign typelearn files', () => {
  test('metadata given to serialize comes back from readModelInfo; models without it read null', async () => {
    const model = await new LinearRegression().fit([[0], [1], [2]], [1, 3, 5]);
    const bytes = serialize(model, { metadata: { target: 'y', tags: ['a', 'b'], n: 3 } });
    assert.deepEqual(readModelInfo(bytes).metadata, { target: 'y', tags: ['a', 'b'], n: 3 });
    const back = (await deserialize(bytes)) as LinearRegression;
    assert.deepEqual(back.predict([[3]]), model.predict([[3]]));
    assert.equal(readModelInfo(serialize(model)).metadata, null);
  });

  test('a neural-network module file points to nn.load', async () => {
    const bytes = serializeModule(new Linear(2, 1));
    await assert.rejects(deserialize(bytes), (e: Error) => {
      assert.ok(e instanceof ModelFormatError);
      assert.equal(e.reason, 'foreign');
      assert.match(e.message, /typelearn\/nn/);
      return true;
    });
  });
});
