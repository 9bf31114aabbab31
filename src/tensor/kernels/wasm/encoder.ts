/**
 * A minimal WebAssembly binary encoder: just enough of the MVP format plus fixed-width
 * SIMD to emit the GEMM kernels at runtime. Emitting bytes from TypeScript keeps the
 * package free of a build step and of checked-in binaries, and works under a strict CSP
 * that allows `'wasm-unsafe-eval'` (no `eval`/`new Function` is involved).
 *
 * Encoding references: the WebAssembly core specification, "Binary Format" chapter, and
 * the fixed-width SIMD proposal's opcode table.
 */

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** Instruction opcodes used by the kernels (single-byte ones). */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  i32Load8U: 0x2d,
  i32Store: 0x36,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  f64Const: 0x44,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32LeS: 0x4c,
  i32GeS: 0x4e,
  i32GeU: 0x4f,
  f64Gt: 0x64,
  f64Ge: 0x66,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Div: 0xa3,
  f64PromoteF32: 0xbb,
  /** Block type "no result". */
  void: 0x40,
} as const;

/** SIMD opcodes (emitted after the 0xFD prefix as an unsigned LEB128). */
export const Simd = {
  v128Load: 0x00,
  v128Load32Splat: 0x09,
  v128Load64Splat: 0x0a,
  v128Store: 0x0b,
  v128Const: 0x0c,
  i8x16Shuffle: 0x0d,
  i32x4Splat: 0x11,
  f32x4Splat: 0x13,
  f64x2Splat: 0x14,
  f64x2ExtractLane: 0x21,
  f32x4Ne: 0x42,
  f32x4Gt: 0x44,
  f32x4Le: 0x45,
  f64x2Le: 0x4b,
  f64x2Ge: 0x4c,
  v128Not: 0x4d,
  v128Andnot: 0x4f,
  v128Or: 0x50,
  v128Bitselect: 0x52,
  v128AnyTrue: 0x53,
  f64x2PromoteLow: 0x5f,
  i32x4Add: 0xae,
  f32x4Sqrt: 0xe3,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Div: 0xe7,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
  f64x2Pmax: 0xf7,
} as const;

/**
 * Growable byte buffer with the primitive encodings of the binary format.
 *
 * @example
 * const w = new ByteWriter();
 * w.u32(624485); // LEB128: e5 8e 26
 * w.bytes(); // Uint8Array [0xe5, 0x8e, 0x26]
 */
export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(256);
  private len = 0;

  /** Number of bytes written so far. */
  get length(): number {
    return this.len;
  }

  /** Appends one byte. */
  byte(b: number): this {
    if (this.len === this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  /** Appends raw bytes. */
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.byte(bytes[i]);
    return this;
  }

  /** Appends an unsigned LEB128 integer (u32 range). */
  u32(v: number): this {
    v >>>= 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  /** Appends a signed LEB128 integer (i32 range). */
  i32(v: number): this {
    v |= 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** Appends a length-prefixed UTF-8 name (ASCII is all the kernels need). */
  name(s: string): this {
    this.u32(s.length);
    for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
    return this;
  }

  /** Appends a vector: its element count, then whatever `each` writes. */
  vec<T>(items: readonly T[], each: (w: this, item: T) => void): this {
    this.u32(items.length);
    for (const it of items) each(this, it);
    return this;
  }

  /** The bytes written, as a fresh array. */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }
}

/**
 * Emits a function body's instructions. Method names follow the text format
 * (`local.get` → `localGet`), so a kernel builder reads like a `.wat` listing.
 *
 * @example
 * const f = new CodeWriter();
 * f.localGet(0).localGet(1).op(Op.i32Add); // (i32.add (local.get 0) (local.get 1))
 */
export class CodeWriter extends ByteWriter {
  /** Emits a single-byte opcode. */
  op(code: number): this {
    return this.byte(code);
  }

  localGet(i: number): this {
    return this.byte(Op.localGet).u32(i);
  }

  localSet(i: number): this {
    return this.byte(Op.localSet).u32(i);
  }

  localTee(i: number): this {
    return this.byte(Op.localTee).u32(i);
  }

  i32Const(v: number): this {
    return this.byte(Op.i32Const).i32(v);
  }

  /** Emits a `0xFD`-prefixed SIMD instruction without immediates. */
  simd(code: number): this {
    return this.byte(0xfd).u32(code);
  }

  /**
   * Emits a `0xFD`-prefixed SIMD memory instruction with its memarg: `alignLog2` is the
   * alignment hint (log2 bytes), `offset` the constant byte offset added to the address.
   */
  simdMem(code: number, alignLog2: number, offset: number): this {
    return this.byte(0xfd).u32(code).u32(alignLog2).u32(offset);
  }

  /** Opens a `block`/`loop` without a result. */
  open(kind: typeof Op.block | typeof Op.loop): this {
    return this.byte(kind).byte(Op.void);
  }

  /** Closes the innermost block, loop or the function body. */
  end(): this {
    return this.byte(Op.end);
  }

  /** Branches to the enclosing label `depth` if the i32 on the stack is non-zero. */
  brIf(depth: number): this {
    return this.byte(Op.brIf).u32(depth);
  }

  call(funcIndex: number): this {
    return this.byte(Op.call).u32(funcIndex);
  }
}

/** One function of a module: its signature, extra locals and body. */
export interface FunctionDef {
  params: readonly number[];
  results: readonly number[];
  /** Extra locals (beyond the params) as their value types, in index order. */
  locals: readonly number[];
  /** Instructions, without the final `end` (added by the encoder). */
  body: CodeWriter;
  /** Export name, if the function is exported. */
  exportName?: string;
}

/** A module: functions plus one memory imported as `env.memory`. */
export interface ModuleDef {
  functions: readonly FunctionDef[];
  /** Minimum pages (64 KiB) the imported memory must have. */
  memoryMinPages: number;
  /**
   * Declares the imported memory shared (threads proposal) with this maximum in pages, so
   * the module can run on a `WebAssembly.Memory({ shared: true })` that two threads use.
   * Default: an ordinary, unshared memory with no maximum.
   */
  sharedMaxPages?: number;
}

function section(out: ByteWriter, id: number, content: ByteWriter): void {
  out.byte(id).u32(content.length).raw(content.bytes());
}

/** Run-length encodes a local list as the binary format's `(count, type)` groups. */
function localGroups(types: readonly number[]): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  for (const t of types) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[1] === t) last[0]++;
    else groups.push([1, t]);
  }
  return groups;
}

/**
 * Encodes a module to its binary form. Every function gets its own type entry (the
 * kernels have two or three functions, so deduplicating signatures saves nothing).
 *
 * @example
 * const body = new CodeWriter().localGet(0);
 * encodeModule({ memoryMinPages: 0, functions: [{ params: [I32], results: [I32], locals: [], body, exportName: 'id' }] });
 */
export function encodeModule(def: ModuleDef): Uint8Array<ArrayBuffer> {
  const out = new ByteWriter();
  out.raw([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

  const types = new ByteWriter().vec(def.functions, (w, f) => {
    w.byte(0x60);
    w.vec(f.params, (w2, t) => w2.byte(t));
    w.vec(f.results, (w2, t) => w2.byte(t));
  });
  section(out, 1, types);

  const imports = new ByteWriter().u32(1).name('env').name('memory').byte(0x02);
  // Limits flag 0x00: min only; 0x03: shared, min and max.
  if (def.sharedMaxPages === undefined) imports.byte(0x00).u32(def.memoryMinPages);
  else imports.byte(0x03).u32(def.memoryMinPages).u32(def.sharedMaxPages);
  section(out, 2, imports);

  section(
    out,
    3,
    new ByteWriter().vec(
      def.functions.map((_, i) => i),
      (w, i) => w.u32(i),
    ),
  );

  const exported = def.functions.map((f, i) => [f.exportName, i] as const).filter(([name]) => name !== undefined);
  section(
    out,
    7,
    new ByteWriter().vec(exported, (w, [name, i]) =>
      w
        .name(name as string)
        .byte(0x00)
        .u32(i),
    ),
  );

  const code = new ByteWriter().vec(def.functions, (w, f) => {
    const body = new ByteWriter();
    body.vec(localGroups(f.locals), (w2, [count, t]) => w2.u32(count).byte(t));
    body.raw(f.body.bytes()).byte(Op.end);
    w.u32(body.length).raw(body.bytes());
  });
  section(out, 10, code);

  return out.bytes();
}

/**
 * Compiles the module `build` returns on the first call and hands back the same
 * `WebAssembly.Module` afterwards; `null` (also remembered) where WebAssembly or the
 * module's features (SIMD) are unavailable, so callers keep their JavaScript path.
 * @example
 * const kernelModule = compileOnce(buildModule);
 * const module = kernelModule(); // WebAssembly.Module | null
 */
export function compileOnce(build: () => Uint8Array<ArrayBuffer>): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled !== undefined) return compiled;
    compiled = null;
    try {
      if (typeof WebAssembly !== 'object') return null;
      const bytes = build();
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
    return compiled;
  };
}
