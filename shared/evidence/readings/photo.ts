import exifr from 'exifr';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { FileKind } from '../categories';
import type { PhotoReading, UnreadableReading } from './model';

/**
 * A site photo's perceptual hash and capture data. The hash is a 64-bit DCT hash (pHash, below):
 * resizing, recompression and a small crop leave most bits alone, so two files of one photo lie a
 * few bits apart while different scenes lie about half the bits apart. JPEG and PNG are
 * decoded (pure JS: jpeg-js, pngjs); HEIC is not (no pure-JS decoder worth shipping), so a HEIC photo
 * gets its capture data only.
 */

/** Decoding limits: a 100-megapixel photo needs ~400 MB; anything larger is refused, not read. */
const MAX_MEGAPIXELS = 100;
const MAX_DECODE_MB = 512;

interface Pixels {
  width: number;
  height: number;
  /** RGBA */
  data: Uint8Array;
}

function decode(kind: FileKind, bytes: Uint8Array): Pixels | undefined {
  try {
    if (kind === 'jpeg') return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: MAX_DECODE_MB });
    if (kind === 'png') {
      const png = PNG.sync.read(untilIend(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
      return { width: png.width, height: png.height, data: png.data };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A PNG up to its IEND chunk: some writers append bytes after it, which viewers ignore and pngjs refuses. */
function untilIend(png: Buffer): Buffer {
  const at = png.lastIndexOf('IEND', undefined, 'latin1');
  return at < 0 ? png : png.subarray(0, at + 8);
}

/** A grey thumbnail of `size`×`size`: each cell the mean luma (BT.601) of the pixels it covers. */
function thumbnail(image: Pixels, size: number): number[] {
  const cells = new Array<number>(size * size).fill(0);
  const counts = new Array<number>(size * size).fill(0);
  for (let y = 0; y < image.height; y += 1) {
    const row = Math.min(size - 1, Math.floor((y * size) / image.height));
    for (let x = 0; x < image.width; x += 1) {
      const column = Math.min(size - 1, Math.floor((x * size) / image.width));
      const at = (y * image.width + x) * 4;
      const luma = 0.299 * (image.data[at] ?? 0) + 0.587 * (image.data[at + 1] ?? 0) + 0.114 * (image.data[at + 2] ?? 0);
      cells[row * size + column]! += luma;
      counts[row * size + column]! += 1;
    }
  }
  return cells.map((sum, index) => sum / Math.max(1, counts[index]!));
}

const SIDE = 32;
const LOW = 8;
// cos((2x + 1)uπ / 2N) for the 8 lowest frequencies u of a 32-point DCT-II, computed once.
const COSINES = Array.from({ length: LOW }, (_, u) => Array.from({ length: SIDE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIDE))));

/**
 * The perceptual hash (pHash) of decoded pixels, 16 hex digits: a 32×32 grey thumbnail, its 8×8
 * lowest DCT frequencies, one bit per frequency: is it above the median of the 63 besides the
 * constant term. Low frequencies are the photo's layout of light and dark, which resizing, recompression
 * and a small crop keep; flat areas, where a pixel-neighbour hash (dHash) flips bits on noise, add
 * little to them.
 */
export function perceptualHash(image: Pixels): string {
  const grey = thumbnail(image, SIDE);
  const coefficients: number[] = [];
  for (let v = 0; v < LOW; v += 1) {
    for (let u = 0; u < LOW; u += 1) {
      let sum = 0;
      for (let y = 0; y < SIDE; y += 1) for (let x = 0; x < SIDE; x += 1) sum += grey[y * SIDE + x]! * COSINES[u]![x]! * COSINES[v]![y]!;
      coefficients.push(sum);
    }
  }
  const median = [...coefficients.slice(1)].sort((a, b) => a - b)[31]!;
  let bits = 0n;
  for (const coefficient of coefficients) bits = (bits << 1n) | (coefficient > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * EXIF DateTimeOriginal is the camera's wall-clock time without a zone; exifr hands it over as a Date
 * built from those digits in the process's zone (UTC in Lambda and in tests). Its digits are kept as
 * written, with the offset when the camera recorded one (OffsetTimeOriginal).
 */
function localTime(value: unknown): string | undefined {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`;
}

async function capture(bytes: Uint8Array): Promise<Pick<PhotoReading, 'takenAt' | 'takenAtOffset' | 'gps'>> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(bytes, { tiff: true, exif: true, gps: true, pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'] });
  } catch {
    return {};
  }
  if (!tags) return {};
  const takenAt = localTime(tags.DateTimeOriginal ?? tags.CreateDate);
  const offset = typeof tags.OffsetTimeOriginal === 'string' && /^[+-]\d{2}:\d{2}$/.test(tags.OffsetTimeOriginal) ? tags.OffsetTimeOriginal : undefined;
  const { latitude, longitude } = tags as { latitude?: unknown; longitude?: unknown };
  const gps =
    typeof latitude === 'number' && typeof longitude === 'number' && Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
      ? { latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 }
      : undefined;
  return { ...(takenAt ? { takenAt } : {}), ...(offset ? { takenAtOffset: offset } : {}), ...(gps ? { gps } : {}) };
}

/** What a photo file tells: its dHash (JPEG, PNG), its size in pixels and its EXIF capture time and place. */
export async function readPhoto(kind: FileKind, bytes: Uint8Array): Promise<PhotoReading | UnreadableReading> {
  const facts = await capture(bytes);
  if (kind === 'heic') return { kind: 'photo', ...facts };
  const image = decode(kind, bytes);
  if (!image) return { kind: 'unreadable', reason: 'undecodable' };
  return { kind: 'photo', phash: perceptualHash(image), width: image.width, height: image.height, ...facts };
}
