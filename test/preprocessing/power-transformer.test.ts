import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { PowerTransformer } from '../../src/preprocessing/index.js';
import { assertClose } from '../helpers/fixtures.js';

const NaN_ = Number.NaN;
const rows = (t: { toArray(): unknown }) => t.toArray() as number[][];

// Data and expected values from scikit-learn 1.2.1 / scipy 1.10.1:
//   rng = np.random.RandomState(1); X = np.round(np.exp(rng.randn(30, 3) * [0.5, 1, 0.3]) * [1, 3, 10], 4); X[3, 0] = nan
//   PowerTransformer(method=m, standardize=s).fit(X): lambdas_, transform(X[:6])
//   Y = np.round(rng.randn(20, 2) * [1, 4] - [0, 1], 3); PowerTransformer().fit(Y)
const X: number[][] = [
  [2.2528, 1.6272, 8.5346],
  [0.5848, 7.1279, 5.0134],
  [2.3927, 1.4013, 11.0044],
  [NaN_, 12.9451, 5.39],
  [0.8511, 2.0433, 14.0513],
  [0.577, 2.5249, 7.6847],
  [1.0213, 5.3732, 7.1879],
  [1.7724, 7.3906, 11.627],
  [1.569, 1.5142, 9.638],
  [0.6263, 2.295, 11.7246],
  [0.7076, 2.0175, 8.1371],
  [0.6553, 1.5332, 9.9621],
  [0.572, 3.7925, 16.4533],
  [1.4492, 2.4763, 7.6622],
  [0.6883, 16.2984, 10.1536],
  [0.7272, 3.6311, 18.7775],
  [1.0619, 5.5612, 10.9423],
  [0.8385, 0.957, 9.005],
  [0.9008, 5.3937, 12.862],
  [1.5929, 3.9916, 13.0414],
  [0.6858, 10.5011, 11.6635],
  [0.8615, 4.8897, 9.7758],
  [1.7609, 13.7142, 19.2644],
  [0.4975, 0.7079, 8.5956],
  [1.0833, 7.205, 10.9932],
  [0.3638, 2.2087, 12.8196],
  [1.1219, 6.4277, 9.3548],
  [0.9045, 3.6153, 11.309],
  [1.1042, 3.3791, 8.1775],
  [1.2078, 3.3887, 14.0333],
];
const CASES: Record<string, { lambdas: number[]; transform: number[][] }> = {
  'yeo-johnson|True': {
    lambdas: [-1.3958416214686427, -0.28742216588818714, 0.09001596836358733],
    transform: [
      [1.7926211403019667, -1.0647143716677125, -0.6424151233169002],
      [-1.0858061186114156, 0.8977249837042557, -2.2369813473500586],
      [1.8876918916901788, -1.2500510691759432, 0.17958249143366906],
      [NaN_, 1.633183714725757, -2.030609232920167],
      [-0.2001491800864656, -0.7717724600310507, 1.003510038891264],
      [-1.117207498232029, -0.491165297904989, -0.970765432649459],
    ],
  },
  'yeo-johnson|False': {
    lambdas: [-1.3958416214686427, -0.28742216588818714, 0.09001596836358733],
    transform: [
      [0.5783327244153154, 0.8434291062466359, 2.5000820825207763],
      [0.3396828131064638, 1.5740412983631658, 1.9469666767560228],
      [0.586215024138751, 0.7744286296329468, 2.785212632364259],
      [NaN_, 1.847851092389138, 2.0185520358906874],
      [0.41311247827328074, 0.9524907858535967, 3.071012627914202],
      [0.33707933009739033, 1.0569602632330193, 2.3861855181497478],
    ],
  },
  'box-cox|True': {
    lambdas: [-0.2158747944058727, -0.010550714517676477, 0.17531137626530574],
    transform: [
      [1.801323293798969, -1.0346604347330446, -0.640557474919714],
      [-1.0647292807900408, 0.8713945157024388, -2.2412243354416597],
      [1.9109090152027504, -1.2291773852924894, 0.17847962819233482],
      [NaN_, 1.6329658785330643, -2.0319805747964854],
      [-0.18179266737608013, -0.7388995847536485, 1.0012882758960895],
      [-1.097667421477976, -0.4646481477290696, -0.9680865221400993],
    ],
  },
  'box-cox|False': {
    lambdas: [-0.2158747944058727, -0.010550714517676477, 0.17531137626530574],
    transform: [
      [0.7449603742060673, 0.4856124488203101, 2.6027238651344207],
      [-0.5687863796133175, 1.943807531610748, 1.8629913999174628],
      [0.7951924903352762, 0.3368005476941815, 2.981233816412896],
      [NaN_, 2.526434814323613, 1.9596913483644804],
      [-0.16406417738113796, 0.7118792818008285, 3.361486749974136],
      [-0.583884628608916, 0.9216907024139032, 2.4513595334886134],
    ],
  },
};
const Y: number[][] = [
  [1.199, -0.259],
  [-0.375, -3.555],
  [0.423, -0.691],
  [-0.344, -0.826],
  [-0.62, 1.792],
  [-0.447, 3.898],
  [0.403, 1.374],
  [-1.095, -0.322],
  [0.741, -4.815],
  [-0.266, -0.87],
  [-1.373, 0.261],
  [0.846, -4.438],
  [0.351, -6.249],
  [-0.039, -7.463],
  [1.121, 0.636],
  [-0.025, -4.101],
  [1.274, 6.868],
  [-1.858, 3.945],
  [1.628, 0.352],
  [-1.199, 2.453],
];
const Y_LAMBDAS = [1.1174067273525095, 1.039875780266396];
const Y_TRANSFORM = [
  [1.2907055105326117, 0.06466753913119014],
  [-0.4513999126279771, -0.8362504055948182],
  [0.40296766742340284, -0.05636944928615721],
];

describe('PowerTransformer', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new PowerTransformer());
  });

  for (const key of Object.keys(CASES)) {
    const [method, standardize] = key.split('|') as ['yeo-johnson' | 'box-cox', string];
    test(`matches scikit-learn: ${method}, standardize=${standardize}`, async () => {
      const pt = await new PowerTransformer({ method, standardize: standardize === 'True' }).fit(X);
      // The log-likelihood is flat at its maximum: last-bit differences in pow/log between V8 and glibc move
      // Brent's stopping point within its own tolerance (1.48e-8 relative), so lambdas agree to ~1e-7.
      assertClose(pt.lambdas, CASES[key].lambdas, { rtol: 1e-6, atol: 1e-7, label: 'lambdas' });
      assertClose(rows(pt.transform(X.slice(0, 6))), CASES[key].transform, {
        rtol: 1e-6,
        atol: 1e-8,
        label: 'transform',
      });
      assertClose(rows(pt.inverseTransform(pt.transform(X))), X, { rtol: 1e-9, atol: 1e-9, label: 'round trip' });
    });
  }

  test('yeo-johnson on data with negative values', async () => {
    const pt = await new PowerTransformer().fit(Y);
    assertClose(pt.lambdas, Y_LAMBDAS, { rtol: 1e-6, atol: 1e-7 });
    assertClose(rows(pt.transform(Y.slice(0, 3))), Y_TRANSFORM, { rtol: 1e-6, atol: 1e-8 });
  });

  test('box-cox refuses non-positive data', async () => {
    await assert.rejects(
      () => new PowerTransformer({ method: 'box-cox' }).fit([[1], [0]]),
      (e: unknown) => e instanceof ValidationError && /strictly positive/.test(e.message),
    );
  });
});
