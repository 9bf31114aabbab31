/**
 * `classificationReport`: precision, recall, F1 and support per class plus
 * the averages, as scikit-learn's text table or as a structured object.
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { type ClassTarget, checkTargets, uniqueLabels } from '../targets.js';
import type { NumericVector } from '../vector.js';
import { warnUser } from '../warnings.js';
import type { Average, ZeroDivision } from './averaging.js';
import { precisionRecallFscoreSupport } from './precision-recall.js';

/** One row of the report. */
export interface ReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/**
 * The report as an object (sklearn's `output_dict=True`): one {@link ReportRow}
 * per class name, `accuracy` (a number, when micro average equals accuracy),
 * and `'macro avg'`, `'weighted avg'` (plus `'micro avg'`, `'samples avg'` where they apply).
 */
export type ClassificationReportDict = Record<string, ReportRow | number>;

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  /** Labels to report, in that order. Default: all labels of yTrue and yPred, sorted. */
  labels?: readonly Label[];
  /** Display names of the labels, same order. Default: the labels as strings. */
  targetNames?: readonly string[];
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
  /** Decimal places in the text table. Default 2. */
  digits?: number;
  /** Return {@link ClassificationReportDict} instead of text. Default `false`. */
  outputDict?: boolean;
  /** Value of 0/0 scores. Default `'warn'`. */
  zeroDivision?: ZeroDivision;
}

/**
 * Formats like Python's `'{:.Nf}'`: correctly rounded with ties to even
 * (JavaScript's `toFixed` breaks exact ties upward).
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const rounded = x.toFixed(digits);
  const long = Math.abs(x).toFixed(Math.min(100, digits + 30));
  const dot = long.indexOf('.');
  const tail = long.slice(dot + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  // An exact tie: keep the truncated value if its last digit is even.
  const truncated = long.slice(0, digits === 0 ? dot : dot + 1 + digits);
  const last = Number(truncated.charAt(truncated.length - 1));
  if (last % 2 === 0) return (x < 0 ? '-' : '') + truncated;
  return rounded;
}

/** Python's `str()` of a support value: an int, or a float like `12.0` when weighted. */
function formatSupport(v: number, weighted: boolean): string {
  if (!weighted) return String(v);
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v);
}

/**
 * Text report (or object with `outputDict: true`) of precision, recall,
 * F1 and support per class, with accuracy and macro/weighted averages —
 * byte-for-byte scikit-learn's layout.
 * @example
 * console.log(classificationReport(['a', 'b', 'b'], ['a', 'b', 'a']));
 */
export function classificationReport(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportDict;
export function classificationReport(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options?: ClassificationReportOptions,
): string;
export function classificationReport(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: ClassificationReportOptions = {},
): string | ClassificationReportDict {
  const { digits = 2, outputDict = false, zeroDivision = 'warn', sampleWeight } = options;
  const chk = checkTargets(yTrue, yPred);
  const present: Label[] =
    chk.type === 'multilabel-indicator'
      ? Array.from({ length: chk.t.matrix?.cols ?? 0 }, (_, j) => j)
      : uniqueLabels(chk.t.labels as ArrayLike<Label>, chk.p.labels as ArrayLike<Label>);
  const labelsGiven = options.labels !== undefined;
  const labels: readonly Label[] = options.labels ?? present;
  const microIsAccuracy =
    chk.type !== 'multilabel-indicator' &&
    (!labelsGiven || (new Set(labels).size === present.length && present.every((l) => labels.includes(l))));
  let names = options.targetNames;
  if (names !== undefined && names.length !== labels.length) {
    if (labelsGiven) warnUser(`labels size, ${labels.length}, does not match size of targetNames, ${names.length}`);
    else {
      throw new ValidationError(
        `Number of classes, ${labels.length}, does not match size of targetNames, ${names.length}. Try specifying the labels parameter`,
        { param: 'targetNames', expected: labels.length, got: names.length },
      );
    }
  }
  if (names === undefined) names = labels.map((l) => String(l));
  const weighted = sampleWeight !== undefined;
  const per = precisionRecallFscoreSupport(yTrue, yPred, { labels, average: null, sampleWeight, zeroDivision });
  const support = per.support as Float64Array;
  let totalSupport = 0;
  for (let i = 0; i < support.length; i++) totalSupport += support[i];
  const averages: Exclude<Average, null | 'binary'>[] =
    chk.type === 'multilabel-indicator' ? ['micro', 'macro', 'weighted', 'samples'] : ['micro', 'macro', 'weighted'];
  const rows: [string, number, number, number, number][] = [];
  const count = Math.min(names.length, labels.length);
  for (let i = 0; i < count; i++) rows.push([names[i], per.precision[i], per.recall[i], per.fscore[i], support[i]]);
  const avgRows: [string, number, number, number, number][] = averages.map((average) => {
    const r = precisionRecallFscoreSupport(yTrue, yPred, { labels, average, sampleWeight, zeroDivision });
    const heading = average === 'micro' && microIsAccuracy ? 'accuracy' : `${average} avg`;
    return [heading, r.precision as number, r.recall as number, r.fscore as number, totalSupport];
  });
  if (outputDict) {
    const out: ClassificationReportDict = {};
    for (const [name, p, r, f, s] of [...rows, ...avgRows]) {
      out[name] = name === 'accuracy' ? p : { precision: p, recall: r, 'f1-score': f, support: s };
    }
    return out;
  }
  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const cell = (s: string) => ` ${s.padStart(9)}`;
  let text = `${''.padStart(width)} ${['precision', 'recall', 'f1-score', 'support'].map(cell).join('')}\n\n`;
  const line = ([name, p, r, f, s]: [string, number, number, number, number]) =>
    `${name.padStart(width)} ${cell(formatFixed(p, digits))}${cell(formatFixed(r, digits))}${cell(formatFixed(f, digits))}${cell(formatSupport(s, weighted))}\n`;
  for (const row of rows) text += line(row);
  text += '\n';
  for (const row of avgRows) {
    if (row[0] === 'accuracy') {
      text += `${'accuracy'.padStart(width)} ${cell('')}${cell('')}${cell(formatFixed(row[3], digits))}${cell(formatSupport(row[4], weighted))}\n`;
    } else text += line(row);
  }
  return text;
}
