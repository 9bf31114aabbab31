/**
 * The datasets bundled with typelearn (see `datasets/README.md` for sources and
 * licences), loaded like scikit-learn's `load_iris()`.
 */
import { ValidationError } from '../base/errors.js';
import { Tensor } from '../tensor/tensor.js';
import { readBundledBytes } from './bundled-file.js';
import type { Frame } from './frame.js';
import { readCsv } from './read-csv.js';

/** What a bundled dataset is for. */
export type DatasetTask = 'classification' | 'regression';

/** A bundled dataset, as `loadDataset` returns it. */
export interface Dataset {
  /**
   * Features, `[nSamples, nFeatures]` float64. Categorical features are
   * ordinal codes in sorted category order (like `OrdinalEncoder`); missing
   * values are NaN. `frame` has the typed columns.
   */
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
  /** The whole file as a typed {@link Frame}: feature columns and the target column (class names as categories). */
  frame: Frame;
  /** Name of the target column in `frame`. */
  targetColumn: string;
}

interface DatasetInfo {
  file: string;
  /** Target column; default `'target'`. */
  target?: string;
  /** Columns that are neither features nor the target (identifiers). */
  ignore?: string[];
  task: DatasetTask;
  /** Class labels in the order scikit-learn numbers them. */
  targetNames: string[];
  description: string;
}

const SKLEARN = 'Exported from scikit-learn 1.2.1 (BSD-3-Clause).';
const DEBIAN = 'Exported from the Debian package';
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
  titanic: {
    file: 'titanic.csv',
    task: 'classification',
    target: 'survived',
    ignore: ['name'],
    targetNames: ['no', 'yes'],
    description: `Titanic passengers (carData::TitanicSurvival, from Harrell's titanic3): 1309 passengers, sex, age (263 missing), class; survived yes/no. ${DEBIAN} r-cran-cardata 3.0-5 (GPL >= 2).`,
  },
  credit: {
    file: 'credit.csv.gz',
    task: 'classification',
    target: 'Status',
    targetNames: ['bad', 'good'],
    description: `Credit scoring (modeldata::credit_data, from L. A. Belanche Muñoz via G. Sanchez): 4454 applicants, 13 features (4 categorical, 455 missing cells), status good/bad. ${DEBIAN} r-cran-modeldata 1.1.0 (MIT).`,
  },
  penguins: {
    file: 'penguins.csv',
    task: 'classification',
    target: 'species',
    targetNames: ['Adelie', 'Chinstrap', 'Gentoo'],
    description: `Palmer penguins (palmerpenguins, Gorman, Williams & Fraser 2014): 344 penguins, island, bill and flipper sizes, body mass, sex, year (19 missing cells); 3 species. ${DEBIAN} r-cran-palmerpenguins 0.1.1 (CC0).`,
  },
  spambase: {
    file: 'spambase.csv.gz',
    task: 'classification',
    target: 'type',
    targetNames: ['nonspam', 'spam'],
    description: `Spambase (UCI, Hopkins, Reeber, Forman & Suermondt, HP Labs; kernlab::spam): 4601 e-mails, 57 word/character frequencies and capital-run lengths; spam or nonspam. ${DEBIAN} r-cran-kernlab 0.9-32 (GPL-2).`,
  },
};

/**
 * Names of the bundled datasets.
 * @example listDatasets() // ['iris', 'wine', 'breast_cancer', 'digits', 'diabetes', 'titanic', 'credit', 'penguins', 'spambase']
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
 * @example
 * const { frame } = loadDataset('titanic');
 * frame.dtypes; // { name: 'category', survived: 'category', sex: 'category', age: 'float', passengerClass: 'category' }
 */
export function loadDataset(name: string): Dataset {
  const info = DATASETS[name];
  if (info === undefined) {
    throw new ValidationError(`Unknown dataset '${name}'. Bundled datasets: ${listDatasets().join(', ')}.`);
  }
  const frame = readCsv(readBundledBytes(info.file), { naValues: [''] });
  const targetColumn = info.target ?? 'target';
  const ignore = new Set([targetColumn, ...(info.ignore ?? [])]);
  const featureNames = frame.columnNames.filter((n) => !ignore.has(n));
  const nSamples = frame.nRows;
  const nFeatures = featureNames.length;
  const data = new Float64Array(nSamples * nFeatures);
  featureNames.forEach((name, j) => {
    const column = frame.column(name);
    let values: ArrayLike<number>;
    if (column.kind === 'category') {
      const ranks = column.ranks();
      values = Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : ranks[c]));
    } else values = column.toArray() as ArrayLike<number>;
    for (let i = 0; i < nSamples; i++) data[i * nFeatures + j] = values[i];
  });
  const classification = info.task === 'classification';
  const target = classification ? new Int32Array(nSamples) : new Float64Array(nSamples);
  const labels = frame.column(targetColumn);
  for (let i = 0; i < nSamples; i++) {
    const label = labels.get(i);
    if (classification) {
      const code = info.targetNames.indexOf(String(label));
      if (code < 0) throw new ValidationError(`${info.file} row ${i}: unknown class '${String(label)}'`);
      target[i] = code;
    } else {
      target[i] = Number(label);
    }
  }
  return {
    data: new Tensor(data, [nSamples, nFeatures]),
    target: new Tensor(target, [nSamples]),
    featureNames,
    targetNames: [...info.targetNames],
    task: info.task,
    description: info.description,
    frame,
    targetColumn,
  };
}
