import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';

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

  override forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h) as Tensor;
    return h;
  }
}
