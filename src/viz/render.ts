/**
 * Headless rendering of a Vega-Lite spec to an SVG string, in Node and in the
 * browser. Vega normally compiles its expressions with `new Function`; here
 * the parsed spec keeps expression ASTs and `vega-interpreter` evaluates them,
 * so rendering works under a strict Content-Security-Policy and with
 * `node --disallow-code-generation-from-strings`. Specs carry their data
 * inline, so nothing is fetched.
 */
import type { VegaLiteSpec } from './spec.js';

/** Options of {@link toSVG}. */
export interface ToSVGOptions {
  /** Multiplies the SVG's width and height (the drawing scales with them). Default 1. */
  scaleFactor?: number;
}

/**
 * Renders `spec` to a standalone `<svg>` document string (Vega-Lite `compile`,
 * then a Vega `View` with `renderer: 'none'` and the expression interpreter).
 * Vega and Vega-Lite are loaded on first use, so importing `typelearn/viz`
 * for its spec builders stays cheap.
 * @example
 * const svg = await toSVG(rocCurveChart([{ name: 'model', fpr: [0, 0.5, 1], tpr: [0, 0.8, 1] }]));
 * svg.startsWith('<svg'); // true
 */
export async function toSVG(spec: VegaLiteSpec, options: ToSVGOptions = {}): Promise<string> {
  const [vega, vegaLite, interpreter] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('vega-interpreter'),
  ]);
  const { spec: vegaSpec } = vegaLite.compile(spec, { logger: quietLogger(vega) });
  const runtime = vega.parse(vegaSpec, undefined, { ast: true });
  const refused: string[] = [];
  const view = new vega.View(runtime, {
    renderer: 'none',
    expr: interpreter.expressionInterpreter,
    loader: offlineLoader(vega, refused),
    logLevel: vega.Error,
  });
  try {
    const svg = await view.toSVG(options.scaleFactor ?? 1);
    // Vega only logs a failed load and draws the chart without that data; a silently empty chart is worse than an error.
    if (refused.length > 0) throw new Error(`typelearn/viz renders offline; the spec asks to load '${refused[0]}'`);
    return svg;
  } finally {
    view.finalize();
  }
}

/** A loader that refuses every URL: typelearn specs hold their data inline, and rendering must never touch the network or disk. */
function offlineLoader(vega: typeof import('vega'), refused: string[]): ReturnType<typeof vega.loader> {
  const loader = vega.loader();
  loader.sanitize = async (uri: string) => {
    refused.push(uri);
    throw new Error(`typelearn/viz renders offline; the spec asks to load '${uri}'`);
  };
  return loader;
}

/** Vega-Lite's logger without console output for warnings it recovers from. */
function quietLogger(vega: typeof import('vega')): ReturnType<typeof vega.logger> {
  return vega.logger(vega.Error);
}
