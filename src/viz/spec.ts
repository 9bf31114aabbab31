/**
 * What every chart builder shares: the spec type, the `$schema`, one look
 * (fonts, sizes, colours) and small conversions of inputs to plain numbers.
 *
 * Specs are plain JSON objects. User text (column names, class labels, model
 * names) only ever travels as data values or titles, never as a field name or
 * inside a Vega expression, so no name can change what a chart computes.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ValidationError } from '../base/errors.js';

/** A Vega-Lite specification (plain JSON; valid for Vega-Lite 5 and 6). */
export type VegaLiteSpec = TopLevelSpec;

/** The `$schema` every builder writes. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Options every chart builder takes. */
export interface ChartOptions {
  /** Chart title. Default: a name for what the chart shows (e.g. `'ROC curve'`). */
  title?: string;
  /** Plot width in pixels. Default 360 (per panel for faceted charts). */
  width?: number;
  /** Plot height in pixels. Default 280. */
  height?: number;
}

/** Shared look: system fonts, quiet grid, a colour-blind-safe palette (Tableau 10). */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  view: { stroke: '#ddd' },
  axis: { gridColor: '#eee', domainColor: '#888', tickColor: '#888', labelColor: '#333', titleColor: '#333' },
  title: { anchor: 'start', fontSize: 14, fontWeight: 600 },
  legend: { orient: 'bottom', labelLimit: 320 },
  range: { category: { scheme: 'tableau10' } },
} as const;

/**
 * The top-level fields every spec carries.
 * @example const spec = { ...header('ROC curve', options, 360, 280), mark: 'line' };
 */
export function header(
  defaultTitle: string,
  options: ChartOptions,
  width = 360,
  height = 280,
): { $schema: string; title: string; width: number; height: number; config: typeof CHART_CONFIG } {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? defaultTitle,
    width: options.width ?? width,
    height: options.height ?? height,
    config: CHART_CONFIG,
  };
}

/**
 * A finite number or `null` (JSON has no NaN/Infinity; Vega-Lite skips nulls).
 * @example finite(Number.NaN) // null
 */
export function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * A copy of numbers (any array-like, typed arrays included) as a plain array.
 * @example numbers(Float64Array.of(1, 2)) // [1, 2]
 */
export function numbers(values: ArrayLike<number>): number[] {
  return Array.from(values, Number);
}

/**
 * Rounds to 6 significant digits for the spec's data, keeping specs small and stable across platforms.
 * @example round6(0.123456789) // 0.123457
 */
export function round6(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

/**
 * Checks that two arrays have the same length, naming them otherwise.
 * @example sameLength(yTrue, yPred, 'yTrue', 'yPred');
 */
export function sameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new ValidationError(`${nameA} has ${a.length} values but ${nameB} has ${b.length}`, {
      expected: a.length,
      got: b.length,
    });
  }
}
