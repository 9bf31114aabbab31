// Loading, looking at and cleaning a table with typelearn/data (pandas' first hour).
import assert from 'node:assert/strict';
import { describe, fillna, loadDataset, readCsv, sortBy, trainTestSplit } from 'typelearn/data';

// readCsv takes a path or the CSV text itself; types are inferred per column.
const df = readCsv('city,temp,rain\nOslo,4.5,true\nLima,19.0,false\nOslo,NA,true\nCairo,24.5,false\n');
assert.deepEqual(df.dtypes, { city: 'category', temp: 'float', rain: 'boolean' });

// describe(): pandas' numbers (count, mean, std with ddof=1, linear percentiles...).
const stats = describe(df, { include: 'number' }).toRecords()[0];
assert.equal(stats.count, 3);
assert.equal(stats.missing, 1);

// Group, impute, sort: each verb returns a new Frame.
const byCity = df.groupBy(['city']).agg({ temp: ['mean', 'count'] });
assert.deepEqual(byCity.column('city').toArray(), ['Cairo', 'Lima', 'Oslo']);
const filled = fillna(df, { temp: { method: 'mean' } });
assert.equal(filled.column('temp').missingCount(), 0);
const warmest = sortBy(filled, 'temp', { ascending: false }).head(1);
assert.equal(warmest.toRecords()[0].city, 'Cairo');
console.log(filled.toString());

// Bundled datasets come with a Frame, X/y tensors and their provenance.
const titanic = loadDataset('titanic');
const [train, test] = trainTestSplit(titanic.frame, {
  testSize: 0.25,
  stratify: titanic.frame.column('survived'),
  randomState: 0,
});
assert.equal(train.nRows + test.nRows, titanic.frame.nRows);
