// Placeholder: the base helper fills this in.
export {};
