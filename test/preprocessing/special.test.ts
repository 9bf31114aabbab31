import { describe, test } from 'node:test';
import { bracket, brentMinimize } from '../../src/preprocessing/brent.js';
import { ndtr, ndtri } from '../../src/preprocessing/special.js';
import { assertClose } from '../helpers/fixtures.js';

// Reference values from scipy 1.10.1 (scipy.special.ndtri / ndtr).
const NDTRI: [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-20, -9.262340089798409],
  [1e-7, -5.1993375821928165],
  [0.001, -3.090232306167813],
  [0.02, -2.053748910631823],
  [0.1, -1.2815515655446004],
  [0.25, -0.6744897501960817],
  [0.3, -0.5244005127080409],
  [0.5, 0],
  [0.75, 0.6744897501960817],
  [0.999, 3.090232306167813],
  [1 - 1e-10, 6.361340889697422],
];
const NDTR: [number, number][] = [
  [-10, 7.61985302416047e-24],
  [-5, 2.866515718791933e-7],
  [-2, 0.022750131948179195],
  [-1, 0.15865525393145707],
  [-0.3, 0.3820885778110474],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1.3, 0.9031995154143897],
  [2, 0.9772498680518208],
  [3, 0.9986501019683699],
  [8, 0.9999999999999993],
];

describe('normal distribution functions', () => {
  test('ndtri matches scipy to ~1e-15 relative', () => {
    for (const [p, x] of NDTRI) assertClose(ndtri(p), x, { rtol: 2e-15, atol: 1e-300, label: `ndtri(${p})` });
  });

  test('ndtr matches scipy, including the far lower tail', () => {
    for (const [x, p] of NDTR) assertClose(ndtr(x), p, { rtol: 5e-14, atol: 1e-300, label: `ndtr(${x})` });
  });
});

describe('Brent minimization (scipy.optimize.brent)', () => {
  test('finds the minimum of a smooth function from the bracket (-2, 2)', () => {
    assertClose(
      brentMinimize((x) => (x - 3) ** 2 + 1, -2, 2),
      3,
      { rtol: 1e-7 },
    );
    assertClose(
      brentMinimize((x) => Math.cosh(x + 0.7), -2, 2),
      -0.7,
      { rtol: 1e-7 },
    );
    const b = bracket((x) => (x - 10) ** 2, -2, 2);
    assertClose(Number(b.fb < b.fa && b.fb < b.fc), 1);
  });
});
