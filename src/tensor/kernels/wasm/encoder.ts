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
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  call: 0x10,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  /** Block type "no result". */
  void: 0x40,
} as const;

/** SIMD opcodes (emitted after the 0xFD prefix as an unsigned LEB128). */
export const Simd = {
  v128Load: 0x00,
  v128Load32Splat: 0x09,
  v128Load64Splat: 0x0a,
  v128Store: 0x0b,
  f32x4Splat: 0x13,
  f64x2Splat: 0x14,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  f64x2Add: 0xf0,
  f64x2Mul: 0xf2,
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

  const imports = new ByteWriter().u32(1).name('env').name('memory').byte(0x02).byte(0x00).u32(def.memoryMinPages);
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
