// Placeholder: owned by a helper; replaced with the real module.
export {};
