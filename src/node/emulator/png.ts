/** A tiny RGBA raster and PNG encoder (node:zlib deflate + CRC32), enough to draw simple charts. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export type RGBA = [number, number, number, number];

export function parseColor(c: string): RGBA {
  const m = /^#?([0-9a-f]{6})$/i.exec(c.trim());
  if (m?.[1]) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
  }
  const s = /^#?([0-9a-f]{3})$/i.exec(c.trim());
  if (s?.[1]) {
    const [r = '0', g = '0', b = '0'] = s[1].split('');
    return [parseInt(r + r, 16), parseInt(g + g, 16), parseInt(b + b, 16), 255];
  }
  const named: Record<string, RGBA> = { red: [255, 0, 0, 255], green: [0, 128, 0, 255], blue: [0, 0, 255, 255], black: [0, 0, 0, 255], white: [255, 255, 255, 255], gray: [128, 128, 128, 255], orange: [255, 165, 0, 255] };
  return named[c.toLowerCase()] ?? [66, 133, 244, 255];
}

export class Raster {
  readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number, background: RGBA = [255, 255, 255, 255]) {
    this.pixels = new Uint8Array(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }
  set(x: number, y: number, c: RGBA): void {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= this.width || yi >= this.height) return;
    const i = (yi * this.width + xi) * 4;
    this.pixels.set(c, i);
  }
  get(x: number, y: number): RGBA {
    const i = (y * this.width + x) * 4;
    const p = this.pixels;
    return [p[i] ?? 0, p[i + 1] ?? 0, p[i + 2] ?? 0, p[i + 3] ?? 0];
  }
  fillRect(x: number, y: number, w: number, h: number, c: RGBA): void {
    const x0 = Math.max(0, Math.round(Math.min(x, x + w)));
    const x1 = Math.min(this.width, Math.round(Math.max(x, x + w)));
    const y0 = Math.max(0, Math.round(Math.min(y, y + h)));
    const y1 = Math.min(this.height, Math.round(Math.max(y, y + h)));
    for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) this.pixels.set(c, (yy * this.width + xx) * 4);
  }
  line(x0: number, y0: number, x1: number, y1: number, c: RGBA, thickness = 1): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    const r = Math.floor(thickness / 2);
    for (let i = 0; i <= steps; i++) {
      const x = x0 + ((x1 - x0) * i) / steps;
      const y = y0 + ((y1 - y0) * i) / steps;
      for (let dx = -r; dx <= r; dx++) for (let dy = -r; dy <= r; dy++) this.set(x + dx, y + dy, c);
    }
  }
  toPng(): Buffer {
    const stride = this.width * 4;
    const raw = Buffer.alloc((stride + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (stride + 1)] = 0;
      Buffer.from(this.pixels.buffer, this.pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // RGBA
    ihdr[10] = 0;
    ihdr[11] = 0;
    ihdr[12] = 0;
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ChartSpec {
  kind: 'bar' | 'column' | 'line';
  width: number;
  height: number;
  /** One label per category (row) and one numeric series per column after the first. */
  categories: string[];
  series: number[][];
  colors: string[];
  stacked: boolean;
}

export const DEFAULT_COLORS = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1', '#ff7043', '#9e9d24'];

/** Draws axes, gridlines and bars/lines (no text). */
export function renderChart(spec: ChartSpec): Buffer {
  const r = new Raster(spec.width, spec.height);
  const left = 50;
  const right = spec.width - 20;
  const top = 30;
  const bottom = spec.height - 40;
  const grid: RGBA = [220, 220, 220, 255];
  const axis: RGBA = [60, 60, 60, 255];
  const n = spec.categories.length;
  const values = spec.series;
  const sums = spec.categories.map((_, i) => values.reduce((a, s) => a + Math.max(0, s[i] ?? 0), 0));
  const flat = values.flat().filter((v) => Number.isFinite(v));
  let max = Math.max(0, ...(spec.stacked ? sums : flat));
  const min = Math.min(0, ...flat);
  if (max === min) max = min + 1;
  const horizontal = spec.kind === 'bar';
  const color = (k: number): RGBA => parseColor(spec.colors[k] ?? DEFAULT_COLORS[k % DEFAULT_COLORS.length] ?? '#4285f4');
  // value -> pixel along the value axis
  const vpx = (v: number): number => (horizontal ? left + ((v - min) / (max - min)) * (right - left) : bottom - ((v - min) / (max - min)) * (bottom - top));
  for (let g = 0; g <= 5; g++) {
    const v = min + ((max - min) * g) / 5;
    if (horizontal) r.line(vpx(v), top, vpx(v), bottom, grid);
    else r.line(left, vpx(v), right, vpx(v), grid);
  }
  if (n > 0) {
    const band = ((horizontal ? bottom - top : right - left) / n);
    const zero = vpx(0);
    for (let i = 0; i < n; i++) {
      const start = (horizontal ? top : left) + band * i;
      if (spec.kind === 'line') continue;
      const inner = band * 0.7;
      const k = values.length || 1;
      let acc = 0;
      values.forEach((s, j) => {
        const v = s[i] ?? 0;
        const bw = spec.stacked ? inner : inner / k;
        const off = start + band * 0.15 + (spec.stacked ? 0 : bw * j);
        const from = spec.stacked ? vpx(acc) : zero;
        const to = vpx((spec.stacked ? acc : 0) + v);
        if (spec.stacked) acc += v;
        if (horizontal) r.fillRect(from, off, to - from, bw, color(j));
        else r.fillRect(off, to, bw, from - to, color(j));
      });
    }
    if (spec.kind === 'line') {
      values.forEach((s, j) => {
        let prev: [number, number] | null = null;
        for (let i = 0; i < n; i++) {
          const v = s[i];
          if (v === undefined || !Number.isFinite(v)) {
            prev = null;
            continue;
          }
          const x = left + band * (i + 0.5);
          const y = vpx(v);
          if (prev) r.line(prev[0], prev[1], x, y, color(j), 3);
          r.fillRect(x - 3, y - 3, 7, 7, color(j));
          prev = [x, y];
        }
      });
    }
  }
  // axes
  if (horizontal) {
    r.line(vpx(0), top, vpx(0), bottom, axis, 1);
    r.line(left, bottom, right, bottom, axis, 1);
  } else {
    r.line(left, top, left, bottom, axis, 1);
    r.line(left, vpx(0), right, vpx(0), axis, 1);
  }
  // legend swatches (top right)
  values.forEach((_, j) => r.fillRect(right - 12 * (values.length - j), 8, 9, 9, color(j)));
  return r.toPng();
}

/** Reads width and height from a PNG's IHDR. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
