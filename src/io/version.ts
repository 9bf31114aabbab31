/**
 * The installed typelearn version, for the model header. Read lazily from the
 * package's own package.json (never imported as a JSON module, so importing
 * io does no work and bundles stay free of it); `'unknown'` where no file
 * system is available (browsers, edge runtimes).
 */

let cached: string | undefined;

type FsLike = { readFileSync(path: URL, encoding: 'utf8'): string };

function readVersion(): string {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as FsLike | undefined;
  if (fs === undefined) return 'unknown';
  // dist/src/io/version.js → the package root is three levels up; ../../ when run from src.
  for (const relative of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(new URL(relative, import.meta.url), 'utf8')) as Record<string, unknown>;
      if (pkg.name === 'typelearn' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next candidate
    }
  }
  return 'unknown';
}

/**
 * The typelearn version written into saved models, e.g. `'0.1.0'`.
 * @example typelearnVersion() // '0.1.0'
 */
export function typelearnVersion(): string {
  cached ??= readVersion();
  return cached;
}
