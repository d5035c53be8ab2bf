import type { Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type';
import { parseStream } from 'music-metadata';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
import type { AttachmentKind } from './attachment-parents.js';
import { webmTracks } from './webm-tracks.js';

/** What the bytes are, as far as attachments care; `ext` names the download. */
export interface Detected {
  kind: AttachmentKind;
  mimeType: string;
  ext: string;
}

/**
 * The types file-type may report that we take, and what they become. The MP4 family and
 * WebM say "video" for any content: music-metadata then decides (an audio track in AAC or
 * Opus and no video track). HEIC is not here: sharp's prebuilt libvips reads HEIF only as
 * AVIF (no HEVC decoder), so an iPhone's HEIC cannot be re-encoded and is refused.
 */
const ACCEPTED: Record<string, Detected> = {
  'image/jpeg': { kind: 'image', mimeType: 'image/jpeg', ext: 'jpg' },
  'image/png': { kind: 'image', mimeType: 'image/png', ext: 'png' },
  'image/webp': { kind: 'image', mimeType: 'image/webp', ext: 'webp' },
  'application/pdf': { kind: 'document', mimeType: 'application/pdf', ext: 'pdf' },
  'audio/ogg; codecs=opus': { kind: 'audio', mimeType: 'audio/ogg', ext: 'ogg' },
  'audio/opus': { kind: 'audio', mimeType: 'audio/ogg', ext: 'ogg' },
  'audio/ogg': { kind: 'audio', mimeType: 'audio/ogg', ext: 'ogg' },
  'video/webm': { kind: 'audio', mimeType: 'audio/webm', ext: 'webm' },
  'audio/webm': { kind: 'audio', mimeType: 'audio/webm', ext: 'webm' },
  'video/mp4': { kind: 'audio', mimeType: 'audio/mp4', ext: 'm4a' },
  'audio/mp4': { kind: 'audio', mimeType: 'audio/mp4', ext: 'm4a' },
  'audio/x-m4a': { kind: 'audio', mimeType: 'audio/mp4', ext: 'm4a' },
  'audio/m4a': { kind: 'audio', mimeType: 'audio/mp4', ext: 'm4a' },
};

/** The codecs a voice note may be in, as music-metadata names them. */
const AUDIO_CODECS: Record<string, RegExp> = {
  'audio/ogg': /^opus$/i,
  'audio/webm': /^opus$/i,
  // AAC as phones record it; Opus as Chromium's MediaRecorder writes audio/mp4.
  'audio/mp4': /aac|opus/i,
};

/** Reads only as many bytes as file-type needs; undefined when the type is not ours. */
export async function detect(stream: Readable): Promise<Detected | undefined> {
  try {
    const found = await fileTypeFromStream(stream);
    return found ? ACCEPTED[found.mime] : undefined;
  } finally {
    stream.destroy();
  }
}

export type AudioVerdict =
  | { ok: true; durationSeconds: number | null }
  | { ok: false; reason: 'video' | 'codec' | 'unreadable' };

/** How much of a WebM `webmVerdict` reads: its Tracks come before the first Cluster. */
export const WEBM_HEAD_BYTES = 64 * 1024;

/**
 * A WebM music-metadata could not read (written live: no sizes, no Duration) judged by the
 * tracks its head declares: Opus audio and nothing else is a voice note, of unknown length.
 */
export function webmVerdict(head: Buffer): AudioVerdict {
  const tracks = webmTracks(head);
  if (!tracks?.length) return { ok: false, reason: 'unreadable' };
  if (tracks.some((track) => track.type === 1)) return { ok: false, reason: 'video' };
  if (tracks.some((track) => track.type !== 2 || track.codecId !== 'A_OPUS'))
    return { ok: false, reason: 'codec' };
  return { ok: true, durationSeconds: null };
}

/** Reads the whole stream (durations of Ogg and WebM need the end) without keeping it. */
export async function inspectAudio(
  stream: Readable,
  detected: Detected,
  size: number,
): Promise<AudioVerdict> {
  try {
    const { format } = await parseStream(
      stream,
      { mimeType: detected.mimeType, size },
      { duration: true, skipCovers: true },
    );
    if (format.hasVideo || format.trackInfo.some((track) => track.type === 1 || track.video))
      return { ok: false, reason: 'video' };
    if (!format.hasAudio || !AUDIO_CODECS[detected.mimeType]?.test(format.codec ?? ''))
      return { ok: false, reason: 'codec' };
    const duration = format.duration;
    if (duration === undefined || !Number.isFinite(duration) || duration < 0)
      return { ok: false, reason: 'unreadable' };
    return { ok: true, durationSeconds: Math.round(duration * 1000) / 1000 };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    stream.destroy();
  }
}

export const DISPLAY_PX = 1280;
export const DISPLAY_TARGET_BYTES = 150 * 1024;
export const THUMBNAIL_PX = 320;
export const THUMBNAIL_TARGET_BYTES = 20 * 1024;

export interface ProcessedImage {
  original: Buffer;
  display: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

export class ImageRefused extends Error {
  constructor(readonly reason: 'pixels' | 'unreadable') {
    super(reason);
  }
}

/**
 * A photo decoded once (turned upright by its EXIF orientation), then written anew: the
 * original in its own format and two WebP versions for screens and lists. Nothing of the
 * input's metadata is carried over (sharp keeps none unless asked): no EXIF, no GPS, no XMP,
 * no ICC profile (pixels are converted to sRGB). `maxPixels` bounds what is decoded at all.
 */
export async function processImage(
  input: Buffer,
  detected: Detected,
  maxPixels: number,
): Promise<ProcessedImage> {
  const open = () => sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
  let original: { data: Buffer; info: OutputInfo };
  let screen: { data: Buffer; info: OutputInfo };
  try {
    const encoder = open();
    original = await (
      detected.mimeType === 'image/jpeg'
        ? encoder.jpeg({ quality: 85 })
        : detected.mimeType === 'image/png'
          ? encoder.png({ compressionLevel: 6 })
          : encoder.webp({ quality: 85 })
    ).toBuffer({ resolveWithObject: true });
    // Decoded again, small: JPEG's shrink-on-load makes this far cheaper than resizing the
    // full-size pixels, and every later attempt starts from these.
    screen = await open()
      .resize({ width: DISPLAY_PX, height: DISPLAY_PX, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageRefused(/pixel limit/i.test(String(error)) ? 'pixels' : 'unreadable');
  }
  const raw = screen.info;
  const fromScreen = () =>
    sharp(screen.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
  const display = await webpWithin(fromScreen, DISPLAY_PX, DISPLAY_TARGET_BYTES);
  const thumbnail = await webpWithin(fromScreen, THUMBNAIL_PX, THUMBNAIL_TARGET_BYTES);
  return {
    original: original.data,
    display,
    thumbnail,
    width: original.info.width,
    height: original.info.height,
  };
}

const QUALITIES = [80, 65, 50, 35];

/**
 * A WebP of at most `side` px that fits `target` bytes: lower qualities first, then smaller
 * sides (a photo of fine detail, foliage or gravel, does not fit 150 KB at 1280 px), down to
 * a quarter of the side, where anything fits.
 */
async function webpWithin(pixels: () => Sharp, side: number, target: number): Promise<Buffer> {
  let last = Buffer.alloc(0);
  for (let size = side; size >= side / 4; size = Math.round(size * 0.8)) {
    const resized = await pixels()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = resized.info;
    for (const quality of QUALITIES) {
      last = await sharp(resized.data, { raw: { width, height, channels } })
        .webp({ quality, effort: 4 })
        .toBuffer();
      if (last.length <= target) return last;
    }
  }
  return last;
}
