import type { Tensor } from '../../tensor/tensor.js';
import { conv2dReluMaxPool2d } from '../functional/conv-pool.js';
import { castLike } from '../functional/grad-utils.js';
import { Module } from '../module.js';
import { ReLU } from './activations.js';
import { Conv2d } from './conv2d.js';
import { MaxPool2d } from './pooling.js';

/**
 * Runs modules in order, each on the previous output; children are named `0`, `1`, ...
 * (so state dicts match PyTorch's `nn.Sequential`).
 * @example
 * const model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
 * model.namedParameters().map(([n]) => n); // ['0.weight', '0.bias', '2.weight', '2.bias']
 */
export class Sequential extends Module {
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  override namedChildren(): [string, Module][] {
    return this.layers.map((m, i) => [String(i), m]);
  }

  /** Appends a module; returns `this`. */
  append(layer: Module): this {
    this.layers.push(layer);
    return this;
  }

  /**
   * Runs the layers in order. A `Conv2d -> ReLU -> MaxPool2d` run (those exact classes)
   * executes as one fused op with the same values ({@link conv2dReluMaxPool2d}), which
   * never materialises the full-resolution activation.
   */
  override forward(x: Tensor): Tensor {
    let h = x;
    const layers = this.layers;
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i];
      if (
        layer.constructor === Conv2d &&
        i + 2 < layers.length &&
        layers[i + 1].constructor === ReLU &&
        layers[i + 2].constructor === MaxPool2d
      ) {
        const conv = layer as Conv2d;
        const pool = layers[i + 2] as MaxPool2d;
        const { stride, padding, dilation, groups } = conv.options;
        h = conv2dReluMaxPool2d(
          castLike(h, conv.weight),
          conv.weight,
          conv.bias,
          { stride, padding, dilation, groups, layer: 'Conv2d' },
          pool.kernelSize,
          pool.options,
        );
        i += 2;
        continue;
      }
      h = layer.forward(h) as Tensor;
    }
    return h;
  }
}
