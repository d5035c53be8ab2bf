import sharp from 'sharp';

/**
 * Files for the attachment tests, made in the test: photos by sharp (one with GPS EXIF), and
 * small containers built byte by byte (PDF, Ogg Opus, WebM Opus, M4A AAC, a WebM and an MP4
 * with video), plus what must be refused (HTML, SVG with a script, text). Nothing is checked
 * in as a binary.
 */

/** A JPEG with EXIF GPS tags (latitude and longitude of a place in Batken) and orientation 6. */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return sharp(await gradient(width, height))
    .withExif({
      IFD0: { Make: 'KeneshPhone', Model: 'Test' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '40/1 3/1 45/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '70/1 49/1 12/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export async function png(width = 400, height = 300): Promise<Buffer> {
  return sharp(await gradient(width, height))
    .png()
    .toBuffer();
}

export async function webp(width = 400, height = 300): Promise<Buffer> {
  return sharp(await gradient(width, height))
    .webp()
    .toBuffer();
}

/** A photo-like JPEG (noise compresses badly, like real photos) of about `width`×`height`. */
export async function noisyJpeg(width: number, height: number, seed = 1): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  let state = seed;
  for (let i = 0; i < pixels.length; i += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const x = (i / channels) % width;
    pixels[i] = ((x * 255) / width + (state >> 24)) & 0xff;
  }
  return sharp(pixels, { raw: { width, height, channels } }).jpeg({ quality: 90 }).toBuffer();
}

async function gradient(width: number, height: number): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * channels;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = 128;
    }
  }
  return sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();
}

/** A one-page PDF with a line of text; `padding` bytes of comment make it as large as wanted. */
export function pdf(padding = 0): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>',
    '<< /Length 35 >>\nstream\nBT /F1 12 Tf 20 50 Td (Kenesh) Tj ET\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  if (padding) body += `%${'x'.repeat(padding)}\n`;
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const HTML = Buffer.from(
  '<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>\n',
);

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n',
);

export const TEXT = Buffer.from('This is not a photo, whatever its name says.\n');

// ---- Ogg Opus -----------------------------------------------------------------------------

const OGG_CRC = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i += 1) {
    let r = i << 24;
    for (let j = 0; j < 8; j += 1) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

function oggCrc(data: Buffer): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) ^ OGG_CRC[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  return crc;
}

function oggPage(
  packets: Buffer[],
  granule: bigint,
  sequence: number,
  flags: number,
  serial = 0x4b454e45,
): Buffer {
  const lacing: number[] = [];
  for (const packet of packets) {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const header = Buffer.alloc(27 + lacing.length);
  header.write('OggS', 0, 'latin1');
  header[4] = 0;
  header[5] = flags;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = lacing.length;
  lacing.forEach((value, i) => (header[27 + i] = value));
  const page = Buffer.concat([header, ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

const PRE_SKIP = 312;

function opusHead(): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(PRE_SKIP, 10);
  head.writeUInt32LE(48000, 12);
  head.writeInt16LE(0, 16);
  head[18] = 0;
  return head;
}

/** A 20 ms Opus packet (CELT, mono): what it sounds like does not matter here. */
const OPUS_PACKET = Buffer.from([0xf8, 0xff, 0xfe]);

/** Opus in Ogg, `seconds` long, `padTo` bytes or more (extra pages of packets). */
export function oggOpus(seconds = 2): Buffer {
  const vendor = Buffer.from('kenesh-test');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'latin1');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length);
  const pages = [oggPage([opusHead()], 0n, 0, 0x02), oggPage([tags], 0n, 1, 0)];
  const frames = Math.round(seconds * 50);
  let written = 0;
  let sequence = 2;
  while (written < frames) {
    const count = Math.min(50, frames - written);
    written += count;
    const granule = BigInt(PRE_SKIP + written * 960);
    const last = written === frames;
    pages.push(oggPage(Array<Buffer>(count).fill(OPUS_PACKET), granule, sequence, last ? 0x04 : 0));
    sequence += 1;
  }
  return Buffer.concat(pages);
}

// ---- WebM (Matroska) ----------------------------------------------------------------------

function vint(size: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(size) | (1n << 56n));
  return out; // 8-byte size: always valid, simple
}

function ebml(id: number, ...children: Buffer[]): Buffer {
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'),
    'hex',
  );
  const data = Buffer.concat(children);
  return Buffer.concat([idBytes, vint(data.length), data]);
}

const uint = (id: number, value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return ebml(id, b);
};
const float = (id: number, value: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(value);
  return ebml(id, b);
};
const str = (id: number, value: string) => ebml(id, Buffer.from(value, 'latin1'));

/** WebM with one Opus audio track (`video`: a VP8 video track besides). */
export function webmOpus(seconds = 2, options: { video?: boolean } = {}): Buffer {
  const header = ebml(
    0x1a45dfa3,
    uint(0x4286, 1),
    uint(0x42f7, 1),
    uint(0x42f2, 4),
    uint(0x42f3, 8),
    str(0x4282, 'webm'),
    uint(0x4287, 4),
    uint(0x4285, 2),
  );
  const info = ebml(
    0x1549a966,
    uint(0x2ad7b1, 1_000_000),
    float(0x4489, seconds * 1000),
    str(0x4d80, 'kenesh-test'),
    str(0x5741, 'kenesh-test'),
  );
  const audio = ebml(
    0xae,
    uint(0xd7, 1),
    uint(0x73c5, 1),
    uint(0x83, 2),
    str(0x86, 'A_OPUS'),
    ebml(0x63a2, opusHead()),
    ebml(0xe1, float(0xb5, 48000), uint(0x9f, 1)),
  );
  const video = ebml(
    0xae,
    uint(0xd7, 2),
    uint(0x73c5, 2),
    uint(0x83, 1),
    str(0x86, 'V_VP8'),
    ebml(0xe0, uint(0xb0, 320), uint(0xba, 240)),
  );
  const tracks = ebml(0x1654ae6b, audio, ...(options.video ? [video] : []));
  const blocks: Buffer[] = [];
  for (let i = 0; i < Math.round(seconds * 50); i += 1) {
    const block = Buffer.alloc(4);
    block[0] = 0x81;
    block.writeInt16BE((i * 20) % 32000, 1);
    block[3] = 0x80;
    blocks.push(ebml(0xa3, block, OPUS_PACKET));
  }
  const cluster = ebml(0x1f43b675, uint(0xe7, 0), ...blocks);
  return Buffer.concat([header, ebml(0x18538067, info, tracks, cluster)]);
}

// ---- MP4 / M4A ----------------------------------------------------------------------------

function box(type: string, ...children: Buffer[]): Buffer {
  const data = Buffer.concat(children);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + data.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data]);
}

const u8 = (...values: number[]) => Buffer.from(values);
const u16 = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value);
  return b;
};
const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
};
const zeros = (n: number) => Buffer.alloc(n);
const MATRIX = Buffer.concat([
  u32(0x00010000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x00010000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x40000000),
]);

function descriptor(tag: number, ...children: Buffer[]): Buffer {
  const data = Buffer.concat(children);
  return Buffer.concat([u8(tag, data.length), data]);
}

function trak(
  id: number,
  handler: 'soun' | 'vide',
  timescale: number,
  duration: number,
  samples: number,
  sampleSize: number,
  chunkOffset: number,
): Buffer {
  const tkhd = box(
    'tkhd',
    u32(7),
    u32(0),
    u32(0),
    u32(id),
    u32(0),
    u32((duration * 1000) / timescale),
    zeros(8),
    u16(0),
    u16(0),
    u16(handler === 'soun' ? 0x0100 : 0),
    u16(0),
    MATRIX,
    u32(handler === 'vide' ? 320 << 16 : 0),
    u32(handler === 'vide' ? 240 << 16 : 0),
  );
  const mdhd = box(
    'mdhd',
    u32(0),
    u32(0),
    u32(0),
    u32(timescale),
    u32(duration),
    u16(0x55c4),
    u16(0),
  );
  const hdlr = box(
    'hdlr',
    u32(0),
    u32(0),
    Buffer.from(handler, 'latin1'),
    zeros(12),
    Buffer.from('Handler\0'),
  );
  const esds = box(
    'esds',
    u32(0),
    descriptor(
      0x03,
      u16(id),
      u8(0),
      descriptor(
        0x04,
        u8(0x40, 0x15),
        zeros(3),
        u32(64000),
        u32(64000),
        descriptor(0x05, u8(0x12, 0x08)),
      ),
      descriptor(0x06, u8(0x02)),
    ),
  );
  const entry =
    handler === 'soun'
      ? box(
          'mp4a',
          zeros(6),
          u16(1),
          zeros(8),
          u16(1),
          u16(16),
          u16(0),
          u16(0),
          u32(timescale << 16),
          esds,
        )
      : box(
          'avc1',
          zeros(6),
          u16(1),
          zeros(16),
          u16(320),
          u16(240),
          u32(0x00480000),
          u32(0x00480000),
          u32(0),
          u16(1),
          zeros(32),
          u16(0x18),
          u16(0xffff),
        );
  const stbl = box(
    'stbl',
    box('stsd', u32(0), u32(1), entry),
    box('stts', u32(0), u32(1), u32(samples), u32(Math.round(duration / samples))),
    box('stsc', u32(0), u32(1), u32(1), u32(samples), u32(1)),
    box('stsz', u32(0), u32(sampleSize), u32(samples)),
    box('stco', u32(0), u32(1), u32(chunkOffset)),
  );
  const mediaHeader =
    handler === 'soun' ? box('smhd', u32(0), u16(0), u16(0)) : box('vmhd', u32(1), zeros(8));
  const dinf = box('dinf', box('dref', u32(0), u32(1), box('url ', u32(1))));
  return box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', mediaHeader, dinf, stbl)));
}

/** AAC-LC in MP4 as a phone records a voice note (`video`: with a video track too). */
export function m4aAac(seconds = 2, options: { video?: boolean; brand?: string } = {}): Buffer {
  const timescale = 44100;
  const duration = Math.round(seconds * timescale);
  const samples = Math.max(1, Math.round(duration / 1024));
  const sampleSize = 6;
  const brand = options.brand ?? 'M4A ';
  const ftyp = box(
    'ftyp',
    Buffer.from(brand, 'latin1'),
    u32(0),
    Buffer.from(`${brand}mp42isom`, 'latin1'),
  );
  const build = (offset: number) => {
    const mvhd = box(
      'mvhd',
      u32(0),
      u32(0),
      u32(0),
      u32(1000),
      u32(Math.round(seconds * 1000)),
      u32(0x00010000),
      u16(0x0100),
      zeros(10),
      MATRIX,
      zeros(24),
      u32(options.video ? 3 : 2),
    );
    const traks = [trak(1, 'soun', timescale, duration, samples, sampleSize, offset)];
    if (options.video) traks.push(trak(2, 'vide', 1000, seconds * 1000, 1, sampleSize, offset));
    return box('moov', mvhd, ...traks);
  };
  // The chunk offset depends on the moov's size, which does not depend on the offset's value.
  const moovSize = build(0).length;
  const moov = build(ftyp.length + moovSize + 8);
  const mdat = box('mdat', Buffer.alloc(samples * sampleSize, 0x21));
  return Buffer.concat([ftyp, moov, mdat]);
}
