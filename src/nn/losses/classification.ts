/** Classification loss modules (PyTorch names), thin wrappers over `nn.F`. */
import type { Tensor } from '../../tensor/tensor.js';
import {
  type BinaryLossOptions,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  type ClassLossOptions,
  crossEntropy,
  type KLDivOptions,
  klDiv,
  nllLoss,
} from '../functional/loss-classification.js';
import { Module } from '../module.js';

/**
 * Cross-entropy on raw logits (`weight`, `ignoreIndex` -100, `labelSmoothing` 0,
 * `reduction` 'mean').
 * @example new CrossEntropyLoss().forward(logits, labels).backward()
 */
export class CrossEntropyLoss extends Module {
  constructor(readonly options: ClassLossOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, this.options);
  }
}

/**
 * Negative log-likelihood on log-probabilities.
 * @example new NLLLoss().forward(F.logSoftmax(z, 1), y)
 */
export class NLLLoss extends Module {
  constructor(readonly options: ClassLossOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this.options);
  }
}

/**
 * Binary cross-entropy on probabilities (logs clamped at -100).
 * @example new BCELoss().forward(F.sigmoid(z), y)
 */
export class BCELoss extends Module {
  constructor(readonly options: BinaryLossOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.options);
  }
}

/**
 * Binary cross-entropy on logits, stable; `posWeight` weighs positives per class.
 * @example new BCEWithLogitsLoss({ posWeight: Tensor.from([2]) })
 */
export class BCEWithLogitsLoss extends Module {
  constructor(readonly options: BinaryLossOptions & { posWeight?: Tensor | null } = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, this.options);
  }
}

/**
 * KL divergence with log-probability input (`reduction` 'mean' | 'batchmean' | 'sum' | 'none').
 * @example new KLDivLoss({ reduction: 'batchmean' })
 */
export class KLDivLoss extends Module {
  constructor(readonly options: KLDivOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, this.options);
  }
}
