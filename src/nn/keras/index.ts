/** Keras-style API on top of `typelearn/nn` modules. */
export * from './callbacks.js';
export * from './layers.js';
export * from './metrics.js';
export * from './model.js';
