// Model files: save and load any fitted estimator, read what a file holds, and the errors of bad files.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePipeline } from 'typelearn/compose';
import { loadDataset } from 'typelearn/data';
import { deserialize, load, ModelFormatError, readModelInfo, save, serialize } from 'typelearn/io';
import { LogisticRegression } from 'typelearn/linear-model';
import { StandardScaler } from 'typelearn/preprocessing';

const { data: X, target: y } = loadDataset('iris');
const model = await makePipeline(new StandardScaler(), new LogisticRegression()).fit(X, y);

// In memory: the same model always gives the same bytes, and loading gives the same predictions.
const bytes = serialize(model, { metadata: { target: 'species', note: 'iris demo' } });
assert.deepEqual(serialize(model, { metadata: { target: 'species', note: 'iris demo' } }), bytes);
const restored = await deserialize(bytes);
assert.deepEqual(
  (restored as typeof model).predictProba(X).data,
  model.predictProba(X).data, // bit for bit
);

// What a file says about itself, read without building the model.
const info = readModelInfo(bytes);
assert.equal(info.className, 'Pipeline');
assert.equal(info.formatVersion, 1);
assert.deepEqual(info.metadata, { target: 'species', note: 'iris demo' });
assert.equal(new TextDecoder().decode(bytes.subarray(0, 7)), 'TLMODEL'); // the magic bytes

// On disk (Node): save writes a temporary file and renames it, so a crash never leaves half a model.
const dir = await mkdtemp(join(tmpdir(), 'typelearn-io-'));
try {
  const path = join(dir, 'iris.tlmodel');
  await save(model, path);
  const fromDisk = await load(path);
  assert.deepEqual((fromDisk as typeof model).predict(X), model.predict(X));
} finally {
  await rm(dir, { recursive: true, force: true });
}

// Bad files are a ModelFormatError (a ValidationError) with a machine-readable reason.
const reasonOf = async (b: Uint8Array) => {
  try {
    await deserialize(b);
    return 'loaded';
  } catch (error) {
    assert.ok(error instanceof ModelFormatError);
    return error.reason;
  }
};
const flipped = bytes.slice();
flipped[bytes.length - 100] ^= 0xff; // one damaged byte: the CRC-32 catches it
assert.equal(await reasonOf(flipped), 'corrupted');
assert.equal(await reasonOf(bytes.subarray(0, bytes.length - 10)), 'truncated');
const pickle = Uint8Array.of(0x80, 0x04, 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0); // a Python pickle
assert.equal(await reasonOf(pickle), 'foreign');
console.log(`${bytes.length} bytes, ${info.className} saved by typelearn ${info.typelearnVersion}`);
