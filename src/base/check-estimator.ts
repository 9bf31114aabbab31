/**
 * `checkEstimator`: the common test suite every estimator must pass
 * (scikit-learn's `check_estimator`). It builds small synthetic datasets with
 * a seeded generator, runs every named check from `estimator-checks.ts` on
 * fresh instances from the factory, and either returns a report or throws a
 * {@link CheckEstimatorError} listing every failed check by name with its message.
 *
 * The "works in Pipeline" and "works in crossValScore" checks belong to the
 * compose and model-selection modules (which depend on base, not the other way
 * round): they plug in through `extraChecks` (see `EstimatorCheck`).
 */
import { RandomGenerator } from '../tensor/random.js';
import { ValidationError } from './errors.js';
import { type CheckContext, type CheckData, COMMON_CHECKS, type EstimatorCheck } from './estimator-checks.js';
import type { Estimator, Label } from './types.js';
import { captureWarnings } from './warnings.js';

export type { CheckContext, CheckData, EstimatorCheck } from './estimator-checks.js';
export { COMMON_CHECKS } from './estimator-checks.js';

/** A training set for the checks: rows of numbers and (for supervised estimators) labels or targets. */
export interface CheckDataset {
  X: number[][];
  y?: Label[];
}

/** Options of {@link checkEstimator}. */
export interface CheckEstimatorOptions {
  /** Names of checks to skip (each must be a known check name). Default none. */
  skip?: string[];
  /** Replaces the default training set (30 rows, 4 features). */
  dataset?: CheckDataset;
  /** More checks to run after the common ones (e.g. Pipeline / crossValScore checks from other modules). */
  extraChecks?: EstimatorCheck[];
}

/** The outcome of one check. */
export interface CheckResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  message?: string;
  /** The thrown error of a failed check. */
  error?: unknown;
}

/** Everything {@link checkEstimator} found. */
export interface CheckReport {
  estimator: string;
  results: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Thrown by {@link checkEstimator} when at least one check fails; `errors`
 * holds one error per failed check and `report` the full report.
 * @example
 * try { await checkEstimator(() => new MyModel()); }
 * catch (e) { if (e instanceof CheckEstimatorError) console.log(e.report.failed); }
 */
export class CheckEstimatorError extends AggregateError {
  override name = 'CheckEstimatorError';
  readonly report: CheckReport;

  constructor(report: CheckReport) {
    const failed = report.results.filter((r) => r.status === 'failed');
    const lines = failed.map((r) => `- ${r.name}: ${r.message}`);
    super(
      failed.map((r) => r.error),
      `checkEstimator(${report.estimator}): ${failed.length} of ${report.results.length} checks failed:\n${lines.join('\n')}`,
    );
    this.report = report;
  }
}

/**
 * `nSamples` rows whose feature means depend on the class, so any real
 * classifier can learn them, plus a linear regression target. Class sizes are
 * unequal (no ties in class frequencies) and the rows are shuffled.
 */
function makeData(seed: number, nSamples: number, nFeatures: number, nClasses: number) {
  const rng = new RandomGenerator(seed);
  const weights = Array.from({ length: nClasses }, (_, k) => nClasses + 1 - k);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const classes: number[] = [];
  for (let k = 0; k < nClasses; k++) {
    const count = k === 0 ? 0 : Math.floor((nSamples * weights[k]) / totalWeight);
    for (let i = 0; i < count; i++) classes.push(k);
  }
  while (classes.length < nSamples) classes.push(0);
  rng.shuffle(classes);
  const coef = Array.from({ length: nFeatures }, () => rng.normal());
  const X: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i < nSamples; i++) {
    const row = Array.from({ length: nFeatures }, () => rng.normal(classes[i] * 1.5, 1));
    X.push(row);
    targets.push(row.reduce((s, v, j) => s + v * coef[j], 0) + 0.1 * rng.normal());
  }
  return { X, classes, targets };
}

function buildData(kind: CheckContext['kind'], dataset: CheckDataset | undefined): CheckData {
  const a = makeData(0, 30, 4, 3);
  const b = makeData(1, 20, 5, 2);
  const regression = kind === 'regressor';
  const X = dataset?.X ?? a.X;
  const y: Label[] = dataset?.y ?? (regression ? a.targets : a.classes);
  const yB: Label[] = regression ? b.targets : b.classes.map((c) => c + 1);
  const names = ['b', 'c', 'a', 'd', 'e'];
  const yStrings = kind === 'classifier' ? (y as number[]).map((c) => names[c % names.length] ?? String(c)) : undefined;
  return { X, y, XB: b.X, yB, yStrings };
}

function kindOf(est: Estimator): CheckContext['kind'] {
  const type = est.estimatorTags().estimatorType;
  const e = est as unknown as Record<string, unknown>;
  if (type === 'classifier') return 'classifier';
  if (type === 'regressor') return 'regressor';
  if (type === 'transformer' || typeof e.transform === 'function') return 'transformer';
  return 'other';
}

/**
 * Runs the common estimator checks (listed in `COMMON_CHECKS`, plus
 * `extraChecks`) on instances made by `factory`. Resolves to a report when all
 * pass; rejects with a {@link CheckEstimatorError} naming every failed check.
 * Checks that do not apply (e.g. `predictProba` checks on a regressor) are
 * reported as skipped.
 *
 * @example
 * import { checkEstimator } from 'typelearn/base';
 * await checkEstimator(() => new DummyClassifier());
 * await checkEstimator(() => new MyModel(), { skip: ['checkDeterminism'] });
 */
export async function checkEstimator(
  factory: () => Estimator,
  options: CheckEstimatorOptions = {},
): Promise<CheckReport> {
  const checks = [...COMMON_CHECKS, ...(options.extraChecks ?? [])];
  const known = new Set(checks.map((c) => c.name));
  for (const name of options.skip ?? []) {
    if (!known.has(name)) {
      throw new ValidationError(
        `checkEstimator: unknown check '${name}' in skip. Known checks: ${[...known].join(', ')}`,
      );
    }
  }
  const probe = factory();
  const ctor = probe.constructor as { estimatorName?: string; name: string };
  const estimatorName = ctor.estimatorName ?? ctor.name;
  const kind = kindOf(probe);
  const tags = probe.estimatorTags();
  const ctx: CheckContext = {
    factory,
    estimatorName,
    tags,
    kind,
    data: buildData(kind, options.dataset),
    usesY: tags.requiresY || kind === 'classifier' || kind === 'regressor',
  };
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (options.skip?.includes(check.name)) {
      results.push({ name: check.name, status: 'skipped', message: 'skipped by options.skip' });
      continue;
    }
    const reason = check.skipReason?.(ctx);
    if (reason) {
      results.push({ name: check.name, status: 'skipped', message: reason });
      continue;
    }
    try {
      // Warnings the checks provoke on purpose (feature-name mismatches...) are collected, not printed.
      await captureWarnings(() => check.run(ctx));
      results.push({ name: check.name, status: 'passed' });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      results.push({ name: check.name, status: 'failed', message, error });
    }
  }
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  const report: CheckReport = {
    estimator: estimatorName,
    results,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
  if (report.failed > 0) throw new CheckEstimatorError(report);
  return report;
}
