/**
 * The datasets bundled with typelearn (see `datasets/README.md` for sources and
 * licences), loaded like scikit-learn's `load_iris()`.
 */
import { ValidationError } from '../base/errors.js';
import { Tensor } from '../tensor/tensor.js';
import { readBundledFile } from './bundled-file.js';

/** What a bundled dataset is for. */
export type DatasetTask = 'classification' | 'regression';

/** A bundled dataset, as `loadDataset` returns it. */
export interface Dataset {
  /** Features, `[nSamples, nFeatures]` float64. */
  data: Tensor;
  /** Target: class indices into `targetNames` (int32) for classification, values (float64) for regression. */
  target: Tensor;
  /** Column names of `data`. */
  featureNames: string[];
  /** Class names in scikit-learn's order (`target` indexes them); empty for regression. */
  targetNames: string[];
  /** Classification or regression. */
  task: DatasetTask;
  /** One paragraph: what it is and where it comes from. */
  description: string;
}

interface DatasetInfo {
  file: string;
  task: DatasetTask;
  /** Class labels in the order scikit-learn numbers them. */
  targetNames: string[];
  description: string;
}

const SKLEARN = 'Exported from scikit-learn 1.2.1 (BSD-3-Clause).';
const DATASETS: Record<string, DatasetInfo> = {
  iris: {
    file: 'iris.csv',
    task: 'classification',
    targetNames: ['setosa', 'versicolor', 'virginica'],
    description: `Fisher's iris flowers (1936): 150 samples, 4 measurements in cm, 3 species. ${SKLEARN}`,
  },
  wine: {
    file: 'wine.csv',
    task: 'classification',
    targetNames: ['class_0', 'class_1', 'class_2'],
    description: `Wine recognition (UCI): 178 wines from 3 cultivars, 13 chemical measurements. ${SKLEARN}`,
  },
  breast_cancer: {
    file: 'breast_cancer.csv',
    task: 'classification',
    targetNames: ['malignant', 'benign'],
    description: `Breast Cancer Wisconsin (Diagnostic, UCI): 569 tumours, 30 cell-nucleus features. ${SKLEARN}`,
  },
  digits: {
    file: 'digits.csv',
    task: 'classification',
    targetNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    description: `Optical handwritten digits (UCI): 1797 8x8 images, pixel counts 0-16, 10 classes. ${SKLEARN}`,
  },
  diabetes: {
    file: 'diabetes.csv',
    task: 'regression',
    targetNames: [],
    description: `Diabetes (Efron et al. 2004): 442 patients, 10 scaled baseline variables, disease progression after one year. ${SKLEARN}`,
  },
};

/**
 * Names of the bundled datasets.
 * @example listDatasets() // ['iris', 'wine', 'breast_cancer', 'digits', 'diabetes']
 */
export function listDatasets(): string[] {
  return Object.keys(DATASETS);
}

/**
 * Loads a bundled dataset (Node only for now).
 * @param name - one of {@link listDatasets}; anything else is a `ValidationError` listing them.
 * @example
 * const { data, target, targetNames } = loadDataset('iris');
 * data.shape; // [150, 4]
 */
export function loadDataset(name: string): Dataset {
  const info = DATASETS[name];
  if (info === undefined) {
    throw new ValidationError(`Unknown dataset '${name}'. Bundled datasets: ${listDatasets().join(', ')}.`);
  }
  const lines = readBundledFile(info.file).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0].split(',');
  const nFeatures = header.length - 1;
  const nSamples = lines.length - 1;
  const data = new Float64Array(nSamples * nFeatures);
  const classification = info.task === 'classification';
  const target = classification ? new Int32Array(nSamples) : new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const fields = lines[i + 1].split(',');
    if (fields.length !== header.length) {
      throw new ValidationError(`${info.file} line ${i + 2}: expected ${header.length} fields, got ${fields.length}`);
    }
    for (let j = 0; j < nFeatures; j++) data[i * nFeatures + j] = Number(fields[j]);
    const label = fields[nFeatures];
    if (classification) {
      const code = info.targetNames.indexOf(label);
      if (code < 0) throw new ValidationError(`${info.file} line ${i + 2}: unknown class '${label}'`);
      target[i] = code;
    } else {
      target[i] = Number(label);
    }
  }
  return {
    data: new Tensor(data, [nSamples, nFeatures]),
    target: new Tensor(target, [nSamples]),
    featureNames: header.slice(0, nFeatures),
    targetNames: [...info.targetNames],
    task: info.task,
    description: info.description,
  };
}
