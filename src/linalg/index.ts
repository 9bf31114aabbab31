/** `typelearn/linalg`: GEMM and dense decompositions (solve, cholesky, qr, svd, eigh, lstsq, pinv, inv, det). */
export { gemm } from '../tensor/kernels/gemm.js';
