/**
 * Reads the table a command works on: a CSV file, or a bundled dataset by
 * name (its `frame`, its target column and its feature columns).
 */
import { existsSync, statSync } from 'node:fs';
import { type CsvDType, type Frame, listDatasets, loadDataset, readCsv } from '../data/index.js';
import type { Task } from './column-plan.js';
import { UserError } from './errors.js';

/** A loaded table. */
export interface Table {
  frame: Frame;
  /** How messages name it: the path, or `dataset 'titanic'`. */
  label: string;
  /** The bundled dataset's target column, when it is one. */
  defaultTarget?: string;
  /** The bundled dataset's feature columns (identifiers left out), when it is one. */
  features?: string[];
  /** The bundled dataset's task, when it is one. */
  task?: Task;
}

/**
 * Loads `source`: a bundled dataset name (unless a file of that name exists) or a CSV path.
 * @example const { frame } = loadTable('titanic');
 */
export function loadTable(source: string, dtype?: Readonly<Record<string, CsvDType>>): Table {
  if (!existsSync(source) && listDatasets().includes(source)) {
    const ds = loadDataset(source);
    return {
      frame: ds.frame,
      label: `dataset '${source}'`,
      defaultTarget: ds.targetColumn,
      features: ds.featureNames,
      task: ds.task,
    };
  }
  if (!existsSync(source)) {
    throw new UserError(
      `no such file or bundled dataset: '${source}' (bundled datasets: ${listDatasets().join(', ')})`,
    );
  }
  if (statSync(source).isDirectory()) throw new UserError(`'${source}' is a directory, expected a CSV file`);
  const frame = readCsv(source, dtype === undefined ? {} : { dtype });
  if (frame.nRows === 0) throw new UserError(`${source} has no data rows`);
  return { frame, label: source };
}
