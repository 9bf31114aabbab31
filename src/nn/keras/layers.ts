/**
 * Keras-style layer specs for `sequential([...])`: each knows its output shape and builds
 * the equivalent PyTorch-style modules. Shapes exclude the batch dim; images are
 * channels-last `[H, W, C]` as in Keras (converted to NCHW once, inside the model).
 * Kernels start Glorot-uniform and biases at zero, Keras' defaults.
 */
import { ShapeError } from '../../tensor/errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { permute } from '../functional/shape.js';
import { constant_, xavierUniform_ } from '../init.js';
import { GELU, ReLU, Sigmoid, Softmax, Tanh } from '../layers/activations.js';
import { BatchNorm1d, BatchNorm2d } from '../layers/batch-norm.js';
import { Conv2d } from '../layers/conv2d.js';
import { Dropout } from '../layers/dropout.js';
import { Flatten } from '../layers/flatten.js';
import { Linear } from '../layers/linear.js';
import { MaxPool2d } from '../layers/pooling.js';
import { Module } from '../module.js';

/** Activation names accepted by the layer helpers. */
export type ActivationName = 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'gelu' | 'linear';

/** What a built spec contributes: modules to run and the resulting per-sample shape. */
export interface BuiltLayer {
  modules: Module[];
  outputShape: number[];
  /** Name of the activation applied last (the model fuses softmax/sigmoid into the loss). */
  activation: ActivationName;
}

/** A Keras layer description, built once the input shape is known. */
export interface LayerSpec {
  /** Keras class name (`Dense`, `Conv2D`, ...), used by `summary()`. */
  readonly className: string;
  /** Per-sample input shape, required on the first layer. */
  readonly inputShape?: readonly number[];
  build(inputShape: readonly number[]): BuiltLayer;
}

/** Options shared by layers that take an activation and an input shape. */
export interface ActivationLayerOptions {
  /** Default `'linear'` (none). */
  activation?: ActivationName;
  /** Per-sample input shape (first layer only), e.g. `[784]` or `[28, 28, 1]`. */
  inputShape?: readonly number[];
  /** Learn a bias. Default `true`. */
  useBias?: boolean;
}

function activationModule(name: ActivationName): Module[] {
  switch (name) {
    case 'relu':
      return [new ReLU()];
    case 'sigmoid':
      return [new Sigmoid()];
    case 'tanh':
      return [new Tanh()];
    case 'softmax':
      return [new Softmax(-1)];
    case 'gelu':
      return [new GELU()];
    case 'linear':
      return [];
    default:
      throw new RangeError(`unknown activation '${String(name)}' (use relu, sigmoid, tanh, softmax, gelu, linear)`);
  }
}

function kerasInit(weight: Tensor, bias: Tensor | null): void {
  xavierUniform_(weight);
  if (bias !== null) constant_(bias, 0);
}

/**
 * A fully connected layer of `units` outputs (Keras `Dense`).
 * @example dense(64, { activation: 'relu', inputShape: [784] })
 */
export function dense(units: number, options: ActivationLayerOptions = {}): LayerSpec {
  return {
    className: 'Dense',
    inputShape: options.inputShape,
    build(inputShape) {
      if (inputShape.length !== 1) {
        throw new ShapeError(
          `Dense(${units}): expects flat input, got per-sample shape [${inputShape.join(', ')}]; add flatten() first`,
        );
      }
      const lin = new Linear(inputShape[0], units, { bias: options.useBias ?? true });
      kerasInit(lin.weight, lin.bias);
      const activation = options.activation ?? 'linear';
      return { modules: [lin, ...activationModule(activation)], outputShape: [units], activation };
    },
  };
}

/** Options of {@link conv2d}. */
export interface Conv2DOptions extends ActivationLayerOptions {
  /** Default 1. */
  strides?: number | [number, number];
  /** `'valid'` (default, no padding) or `'same'` (odd kernels, stride 1). */
  padding?: 'valid' | 'same';
}

/** Moves channels-last batches `(N, H, W, C)` to NCHW. */
class ChannelsFirst extends Module {
  override forward(x: Tensor): Tensor {
    return permute(x, [0, 3, 1, 2]);
  }
}

/**
 * A 2-D convolution with `filters` output channels (Keras `Conv2D`).
 * @example conv2d(32, 3, { activation: 'relu', inputShape: [28, 28, 1] })
 */
export function conv2d(filters: number, kernelSize: number | [number, number], options: Conv2DOptions = {}): LayerSpec {
  return {
    className: 'Conv2D',
    inputShape: options.inputShape,
    build(inputShape) {
      if (inputShape.length !== 3) {
        throw new ShapeError(`Conv2D(${filters}): expects [H, W, C] input, got [${inputShape.join(', ')}]`);
      }
      const [kh, kw] = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
      const [sh, sw] =
        typeof options.strides === 'number' || options.strides === undefined
          ? [options.strides ?? 1, options.strides ?? 1]
          : options.strides;
      const same = options.padding === 'same';
      const [H, W, C] = inputShape;
      const conv = new Conv2d(C, filters, [kh, kw], {
        stride: [sh, sw],
        padding: same ? [Math.floor(kh / 2), Math.floor(kw / 2)] : 0,
        bias: options.useBias ?? true,
      });
      kerasInit(conv.weight, conv.bias);
      const ph = same ? Math.floor(kh / 2) : 0;
      const pw = same ? Math.floor(kw / 2) : 0;
      const Ho = Math.floor((H + 2 * ph - kh) / sh) + 1;
      const Wo = Math.floor((W + 2 * pw - kw) / sw) + 1;
      const activation = options.activation ?? 'linear';
      return { modules: [conv, ...activationModule(activation)], outputShape: [Ho, Wo, filters], activation };
    },
  };
}

/**
 * Max pooling over `poolSize` windows (Keras `MaxPooling2D`; strides default to the pool size).
 * @example maxPooling2d(2)
 */
export function maxPooling2d(
  poolSize: number | [number, number] = 2,
  options: { strides?: number | [number, number] } = {},
): LayerSpec {
  return {
    className: 'MaxPooling2D',
    build(inputShape) {
      const [ph, pw] = typeof poolSize === 'number' ? [poolSize, poolSize] : poolSize;
      const s = options.strides ?? [ph, pw];
      const [sh, sw] = typeof s === 'number' ? [s, s] : s;
      const [H, W, C] = inputShape;
      return {
        modules: [new MaxPool2d([ph, pw], { stride: [sh, sw] })],
        outputShape: [Math.floor((H - ph) / sh) + 1, Math.floor((W - pw) / sw) + 1, C],
        activation: 'linear',
      };
    },
  };
}

/**
 * Flattens each sample to a vector (Keras `Flatten`).
 * @example flatten()
 */
export function flatten(options: { inputShape?: readonly number[] } = {}): LayerSpec {
  return {
    className: 'Flatten',
    inputShape: options.inputShape,
    build(inputShape) {
      return { modules: [new Flatten()], outputShape: [inputShape.reduce((a, b) => a * b, 1)], activation: 'linear' };
    },
  };
}

/**
 * Dropout of `rate` during training (Keras `Dropout`).
 * @example dropout(0.2)
 */
export function dropout(rate: number): LayerSpec {
  return {
    className: 'Dropout',
    build(inputShape) {
      return { modules: [new Dropout(rate)], outputShape: [...inputShape], activation: 'linear' };
    },
  };
}

/**
 * Batch normalisation over the last (channel) axis, Keras defaults (momentum 0.99, i.e.
 * PyTorch momentum 0.01; epsilon 1e-3).
 * @example batchNormalization()
 */
export function batchNormalization(options: { momentum?: number; epsilon?: number } = {}): LayerSpec {
  return {
    className: 'BatchNormalization',
    build(inputShape) {
      const momentum = 1 - (options.momentum ?? 0.99);
      const eps = options.epsilon ?? 1e-3;
      const channels = inputShape[inputShape.length - 1];
      const bn =
        inputShape.length === 3
          ? new BatchNorm2d(channels, { momentum, eps })
          : new BatchNorm1d(channels, { momentum, eps });
      return { modules: [bn], outputShape: [...inputShape], activation: 'linear' };
    },
  };
}

/** Internal: the permute module inserted before the first image layer. */
export function channelsFirst(): Module {
  return new ChannelsFirst();
}
