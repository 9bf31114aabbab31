// Run by render.test.ts under `node --disallow-code-generation-from-strings`: renders a chart with
// transforms and expressions, and proves code generation really is blocked in this process.
import { learningCurveChart, toSVG } from '../../src/viz/index.js';

let blocked = false;
try {
  new Function('return 1')();
} catch {
  blocked = true;
}
const svg = await toSVG(
  learningCurveChart({
    trainSizesAbs: [5, 10, 20],
    trainScores: [[1, 0.9], [0.9, 0.8], [0.85]],
    testScores: [[0.6], [0.7], [0.8]],
  }),
);
if (!svg.startsWith('<svg')) throw new Error('no svg');
console.log(`ok ${svg.length} svg bytes, ${blocked ? 'eval blocked' : 'eval NOT blocked'}`);
