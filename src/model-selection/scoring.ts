/**
 * The `scoring` option of cross-validation and searches: one scorer (a name
 * or a function; absent = the estimator's `score`), a list of names, or a
 * record of named scorers — resolved once, up front, so a bad name fails
 * before any fit.
 */
import { ValidationError } from '../base/errors.js';
import { getScorer, type Scorer } from '../metrics/scorer.js';

/** What `scoring` accepts. */
export type ScoringOption = string | Scorer | readonly string[] | Readonly<Record<string, string | Scorer>>;

/** A resolved `scoring` option. */
export interface ScoringSpec {
  /** Result keys: `['score']` for a single scorer, else the metric names. */
  names: string[];
  /** Per name: the scorer name (`undefined` = the estimator's `score`) or a scorer function. */
  specs: (string | undefined | Scorer)[];
  /** The resolved scorers, per name. */
  scorers: Record<string, Scorer>;
  /** Several metrics (a list or record was given). */
  multimetric: boolean;
  /** Every scorer is given by name (so workers can rebuild it). */
  byName: boolean;
}

/**
 * Resolves a `scoring` option; unknown names and empty or duplicate lists are
 * `ValidationError`s.
 * @example resolveScoring(['r2', 'neg_mean_absolute_error']).names // ['r2', 'neg_mean_absolute_error']
 * @example resolveScoring(undefined).names // ['score']
 */
export function resolveScoring(scoring: ScoringOption | undefined): ScoringSpec {
  let entries: [string, string | undefined | Scorer][];
  let multimetric = true;
  if (scoring === undefined || scoring === null || typeof scoring === 'string' || typeof scoring === 'function') {
    entries = [['score', scoring ?? undefined]];
    multimetric = false;
  } else if (Array.isArray(scoring)) {
    if (scoring.length === 0)
      throw new ValidationError('scoring: an empty list of scorers was given', { param: 'scoring' });
    for (const s of scoring) {
      if (typeof s !== 'string') {
        throw new ValidationError(
          'scoring: a list must hold scorer names; use a record { name: scorer } for functions',
          {
            param: 'scoring',
          },
        );
      }
    }
    if (new Set(scoring).size !== scoring.length) {
      throw new ValidationError(`scoring: the list has duplicate names: ${scoring.join(', ')}`, { param: 'scoring' });
    }
    entries = scoring.map((s: string) => [s, s]);
  } else if (typeof scoring === 'object') {
    entries = Object.entries(scoring as Record<string, string | Scorer>);
    if (entries.length === 0)
      throw new ValidationError('scoring: an empty record of scorers was given', { param: 'scoring' });
  } else {
    throw new ValidationError(`scoring must be a scorer name, a function, a list or a record, got ${String(scoring)}`, {
      param: 'scoring',
    });
  }
  const scorers: Record<string, Scorer> = {};
  for (const [name, spec] of entries) scorers[name] = getScorer(spec as string | Scorer | undefined);
  return {
    names: entries.map(([name]) => name),
    specs: entries.map(([, spec]) => spec),
    scorers,
    multimetric,
    byName: entries.every(([, spec]) => typeof spec !== 'function'),
  };
}

/**
 * Scorers rebuilt from names (in a worker).
 * @example scorersFromNames(['score'], [undefined]).score(model, X, y)
 */
export function scorersFromNames(
  names: readonly string[],
  specs: readonly (string | undefined)[],
): Record<string, Scorer> {
  const out: Record<string, Scorer> = {};
  names.forEach((name, i) => {
    out[name] = getScorer(specs[i]);
  });
  return out;
}
