/**
 * The memory a {@link TreeGrower} builds histograms in: the row-major bins,
 * the interleaved gradients and hessians, the sample-index partition and a
 * pool of histogram slots, all in one WebAssembly memory so the SIMD kernel
 * (`histogram-kernel.ts`) reads and writes them in place. Where WebAssembly
 * SIMD is missing (or the data is too large for a 32-bit memory) the same
 * layout lives in an ordinary ArrayBuffer and the JavaScript loops of
 * `histogram.ts` run instead; both give bit-identical histograms.
 *
 * Slots are numbers, not arrays: adding slots may grow (and so move) the
 * memory, after which every view is recreated. Views returned by
 * {@link HistogramSpace.view} and {@link HistogramSpace.sampleIndices} are
 * valid until the next {@link HistogramSpace.acquire}.
 */
import type { Companion } from '../../parallel/companion.js';
import { BUILD, BuildArgs, readSplit, SCAN, ScanArgs, SUBTRACT, SubtractArgs } from './boosting-worker.js';
import { binnedRows, buildHistograms, HIST_STRIDE, subtractHistograms } from './histogram.js';
import { type HistogramKernel, instantiateHistogramKernel, SHARED_MAX_PAGES } from './histogram-kernel.js';
import { goLeftTable, type SplitInfo, splitIndices } from './splitting.js';

const PAGE = 65536;
/** Larger workspaces use the JavaScript loops: kernel addresses are kept below 2 GiB. */
const MAX_KERNEL_BYTES = 2 ** 31 - PAGE;

const align = (x: number, to: number) => Math.ceil(x / to) * to;

/** Options of a {@link HistogramSpace}. */
export interface HistogramSpaceOptions {
  /** Histogram slots to reserve up front (more are added on demand). Default 8. */
  initialSlots?: number;
  /** Use the WebAssembly kernel when available. Default true. */
  useKernel?: boolean;
  /**
   * Put the workspace in a shared WebAssembly memory, so {@link HistogramSpace.useCompanion}
   * can add a second thread. Default false.
   */
  shared?: boolean;
}

/**
 * Histogram workspace of one binned training set (`binned` column-major, `n × p`, `nBins` bins per feature).
 * @example
 * const space = new HistogramSpace(binned, n, p, 256);
 * space.setGradients(grad, hess);
 * const slot = space.acquire();
 * space.build(slot, null, 0, n);
 * const hist = space.view(slot); // hist[(f * 256 + b) * 4 + {0: g, 1: h, 2: count}]
 */
export class HistogramSpace {
  /** Float64 entries per histogram (`p · nBins · 4`). */
  readonly histSize: number;
  /** Bytes of one feature's histogram (`nBins` bins of 32 bytes). */
  readonly #featureBytes: number;
  /** Whether the WebAssembly kernel runs. */
  readonly usesKernel: boolean;
  readonly #kernel: HistogramKernel | null;
  readonly #memory: WebAssembly.Memory | null;
  #buffer: ArrayBuffer;
  readonly #rowsOff: number;
  readonly #binnedOff: number;
  readonly #goLeftOff: number;
  readonly #scratchOff: number;
  readonly #ghOff: number;
  readonly #idxOff: number;
  readonly #ghoOff: number;
  readonly #histOff: number;
  #rows!: Uint8Array;
  #binned!: Uint8Array;
  #goLeft!: Uint8Array;
  #scratch!: Int32Array;
  #gh!: Float64Array;
  #idx!: Int32Array;
  #views: Float64Array[] = [];
  #slots: number;
  readonly #free: number[] = [];
  #grad: Float64Array = new Float64Array(0);
  #hess: Float64Array | null = null;
  #companion: Companion | null = null;

  constructor(
    binned: Uint8Array,
    readonly n: number,
    readonly p: number,
    readonly nBins: number,
    options: HistogramSpaceOptions = {},
  ) {
    const { initialSlots = 8, useKernel = true, shared = false } = options;
    this.histSize = p * nBins * HIST_STRIDE;
    this.#featureBytes = nBins * HIST_STRIDE * 8;
    this.#rowsOff = 64;
    this.#binnedOff = align(this.#rowsOff + n * p, 64);
    this.#goLeftOff = align(this.#binnedOff + n * p, 64);
    this.#scratchOff = this.#goLeftOff + 256 * 4;
    this.#ghOff = align(this.#scratchOff + 4 * n, 64);
    this.#idxOff = this.#ghOff + 16 * n;
    this.#ghoOff = align(this.#idxOff + 4 * n, 64);
    this.#histOff = align(this.#ghoOff + 16 * n, 64);
    this.#slots = Math.max(1, initialSlots);
    const bytes = align(this.#histOff + this.#slots * this.histSize * 8, PAGE);
    let memory: WebAssembly.Memory | null = null;
    let kernel: HistogramKernel | null = null;
    if (useKernel && bytes <= MAX_KERNEL_BYTES && typeof WebAssembly === 'object') {
      try {
        memory = shared
          ? new WebAssembly.Memory({ initial: bytes / PAGE, maximum: SHARED_MAX_PAGES, shared: true })
          : new WebAssembly.Memory({ initial: bytes / PAGE });
        kernel = instantiateHistogramKernel(memory);
      } catch {
        kernel = null;
      }
      if (kernel === null) memory = null;
    }
    this.#memory = memory;
    this.#kernel = kernel;
    this.usesKernel = kernel !== null;
    this.#buffer = memory ? (memory.buffer as ArrayBuffer) : new ArrayBuffer(bytes);
    this.#refreshViews();
    binnedRows(binned, n, p, this.#rows);
    this.#binned.set(binned.subarray(0, n * p));
  }

  #refreshViews(): void {
    const { n, p } = this;
    const buffer = this.#buffer;
    this.#rows = new Uint8Array(buffer, this.#rowsOff, n * p);
    this.#binned = new Uint8Array(buffer, this.#binnedOff, n * p);
    this.#goLeft = new Uint8Array(buffer, this.#goLeftOff, 256 * 4);
    this.#scratch = new Int32Array(buffer, this.#scratchOff, n);
    this.#gh = new Float64Array(buffer, this.#ghOff, 2 * n);
    this.#idx = new Int32Array(buffer, this.#idxOff, n);
    this.#views = [];
    for (let s = 0; s < this.#slots; s++) {
      this.#views.push(new Float64Array(buffer, this.#histOff + s * this.histSize * 8, this.histSize));
    }
  }

  /** The shared WebAssembly memory of a `shared` workspace (for the companion's kernel), else null. */
  get sharedMemory(): WebAssembly.Memory | null {
    const memory = this.#memory;
    return memory !== null && memory.buffer instanceof SharedArrayBuffer ? memory : null;
  }

  /**
   * Shares large nodes' histogram builds with `companion` (serving `boosting-worker.ts`
   * on {@link sharedMemory}), or stops sharing with null.
   */
  useCompanion(companion: Companion | null): void {
    this.#companion = companion;
  }

  /** Whether a companion thread shares the histogram builds. */
  get threads(): number {
    return this.#companion === null ? 1 : 2;
  }

  /** The sample-index partition (length `n`); valid until the next {@link acquire}. */
  get sampleIndices(): Int32Array {
    return this.#idx;
  }

  /** The row-major bins (`rows[i * p + f]`). */
  get rows(): Uint8Array {
    return this.#rows;
  }

  /** Sets the gradients and hessians (null: constant) the next builds sum. */
  setGradients(grad: Float64Array, hess: Float64Array | null): void {
    this.#grad = grad;
    this.#hess = hess;
    if (!this.#kernel) return;
    const gh = this.#gh;
    const n = this.n;
    if (hess === null) {
      for (let i = 0; i < n; i++) {
        gh[2 * i] = grad[i];
        gh[2 * i + 1] = 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        gh[2 * i] = grad[i];
        gh[2 * i + 1] = hess[i];
      }
    }
  }

  /** A free histogram slot (its content is undefined until built). */
  acquire(): number {
    const free = this.#free.pop();
    if (free !== undefined) return free;
    const slot = this.#slots;
    const wanted = this.#slots * 2;
    const bytes = align(this.#histOff + wanted * this.histSize * 8, PAGE);
    if (this.#memory) {
      this.#memory.grow((bytes - this.#buffer.byteLength) / PAGE);
      this.#buffer = this.#memory.buffer as ArrayBuffer;
    } else {
      const grown = new ArrayBuffer(bytes);
      new Uint8Array(grown).set(new Uint8Array(this.#buffer));
      this.#buffer = grown;
    }
    this.#slots = wanted;
    this.#refreshViews();
    for (let s = wanted - 1; s > slot; s--) this.#free.push(s);
    return slot;
  }

  /** Returns a slot to the pool. */
  release(slot: number): void {
    this.#free.push(slot);
  }

  /** The histogram of `slot`; valid until the next {@link acquire}. */
  view(slot: number): Float64Array {
    return this.#views[slot];
  }

  /**
   * Builds into `slot` the histograms of the samples `sampleIndices[start..end)`
   * for `features` (null: all).
   */
  build(slot: number, features: Int32Array | null, start: number, end: number): void {
    const hist = this.#views[slot];
    const kernel = this.#kernel;
    if (kernel === null || features !== null) {
      buildHistograms(hist, this.#rows, this.p, this.nBins, features, this.#grad, this.#hess, this.#idx, start, end);
      return;
    }
    const { p, n } = this;
    const stride = this.#featureBytes;
    const companion = this.#sharedStep();
    // This thread builds features [0, mine); the companion the rest, at the same time.
    const mine = companion !== null ? this.firstCompanionFeature : p;
    // The node's gradients in segment order, then one column (feature) at a time, as
    // scikit-learn does: each thread reads only its own features' columns.
    kernel.gather(this.#idxOff, start, end, this.#ghOff, this.#ghoOff);
    if (companion !== null) {
      const a = companion.args;
      a[BuildArgs.binned] = this.#binnedOff + mine * n;
      a[BuildArgs.n] = n;
      a[BuildArgs.nf] = p - mine;
      a[BuildArgs.idx] = this.#idxOff;
      a[BuildArgs.start] = start;
      a[BuildArgs.end] = end;
      a[BuildArgs.gho] = this.#ghoOff;
      a[BuildArgs.hist] = hist.byteOffset + mine * stride;
      a[BuildArgs.stride] = stride;
      companion.request(BUILD);
    }
    kernel.zero(hist.byteOffset, mine * stride);
    kernel.accumulateColumns(this.#binnedOff, n, mine, this.#idxOff, start, end, this.#ghoOff, hist.byteOffset, stride);
    companion?.wait();
  }

  /**
   * The companion when it takes its features' share of this step (build, subtraction
   * or scan), else null: none runs, or it judged that sharing does not pay right now
   * (see `Companion.share`).
   */
  #sharedStep(): Companion | null {
    const companion = this.#companion;
    return companion?.share() ? companion : null;
  }

  /** First feature of the companion's share (it owns `[firstCompanionFeature, p)`). */
  get firstCompanionFeature(): number {
    return this.p >> 1;
  }

  /**
   * Asks the companion for the best numeric split over its features of the node whose
   * histograms are in `slot`; false (nothing asked) when the companion does not share
   * this step. Collect it with {@link companionSplit}.
   */
  requestCompanionScan(
    slot: number,
    nSamples: number,
    sumGrad: number,
    sumHess: number,
    value: number,
    lower: number,
    upper: number,
  ): boolean {
    const companion = this.#sharedStep();
    if (companion === null) return false;
    const a = companion.args;
    a[ScanArgs.hist] = this.#views[slot].byteOffset;
    a[ScanArgs.n] = nSamples;
    a[ScanArgs.sumGrad] = sumGrad;
    a[ScanArgs.sumHess] = sumHess;
    a[ScanArgs.value] = value;
    a[ScanArgs.lower] = lower;
    a[ScanArgs.upper] = upper;
    companion.request(SCAN);
    return true;
  }

  /** Waits for the split asked by {@link requestCompanionScan}. */
  companionSplit(): SplitInfo {
    const companion = this.#companion as Companion;
    companion.wait();
    return readSplit(companion.args);
  }

  /**
   * Stable partition of `sampleIndices[start..end)` by `split` (left samples
   * first); returns where the right samples start.
   */
  partition(split: SplitInfo, start: number, end: number): number {
    const { n, nBins } = this;
    const kernel = this.#kernel;
    const col = split.feature * n;
    if (kernel === null) return splitIndices(this.#binned, n, this.#idx, start, end, split, nBins, this.#scratch);
    this.#goLeft.set(goLeftTable(split, nBins));
    const mid = kernel.partition(this.#binnedOff + col, this.#idxOff, start, end, this.#goLeftOff, this.#scratchOff);
    this.#idx.set(this.#scratch.subarray(0, end - mid), mid);
    return mid;
  }

  /** `parent -= child` for `features` (null: all): the larger sibling's histograms. */
  subtract(parent: number, child: number, features: Int32Array | null): void {
    const a = this.#views[parent];
    const b = this.#views[child];
    const kernel = this.#kernel;
    if (kernel === null || features !== null) {
      subtractHistograms(a, b, a, features, this.p, this.nBins);
      return;
    }
    const companion = this.#sharedStep();
    if (companion === null) {
      kernel.subtract(a.byteOffset, b.byteOffset, a.byteOffset, this.histSize * 8);
      return;
    }
    const split = this.firstCompanionFeature * this.#featureBytes;
    const args = companion.args;
    args[SubtractArgs.parent] = a.byteOffset + split;
    args[SubtractArgs.child] = b.byteOffset + split;
    args[SubtractArgs.out] = a.byteOffset + split;
    args[SubtractArgs.bytes] = this.histSize * 8 - split;
    companion.request(SUBTRACT);
    kernel.subtract(a.byteOffset, b.byteOffset, a.byteOffset, split);
    companion.wait();
  }
}
