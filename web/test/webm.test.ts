// A voice note as Chromium's MediaRecorder writes it (web/test/fixtures/chromium-voice.webm: 2.5 s
// of the fake microphone's tone, Opus in WebM, recorded by Chromium 156) has unknown sizes and no
// Duration; music-metadata, which the hub reads notes with, then throws. After fixWebm it reads
// the duration and the codec, and the audio itself (every block) is unchanged.
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBuffer } from 'music-metadata';
import { finishedRecording, fixWebm } from '../src/attachments/webm.js';

const recorded = new Uint8Array(
  readFileSync(new URL('./fixtures/chromium-voice.webm', import.meta.url)),
);

describe('fixWebm', () => {
  it('is needed: the live-recorded file does not parse as it is', async () => {
    await expect(
      parseBuffer(recorded, { mimeType: 'audio/webm' }, { duration: true }),
    ).rejects.toThrow();
  });

  it('gives the recording its sizes and duration; the blocks are the same bytes', async () => {
    const fixed = fixWebm(recorded, 9999)!;
    const { format } = await parseBuffer(fixed, { mimeType: 'audio/webm' }, { duration: true });
    expect(format.codec).toMatch(/^opus$/i);
    expect(format.duration).toBeGreaterThan(2.2);
    expect(format.duration).toBeLessThan(2.7);
    // Only sizes and one Duration element were added: 18 bytes here.
    expect(fixed.length - recorded.length).toBeLessThan(64);
    // Fixed again: the same file (sizes now known, the Duration replaced, not added twice).
    expect(fixWebm(fixed, 9999)).toEqual(fixed);
  });

  it('leaves what is not a WebM alone', async () => {
    expect(fixWebm(Uint8Array.from([1, 2, 3, 4]), 1000)).toBeNull();
    const ogg = new Blob(['OggS...'], { type: 'audio/ogg' });
    expect(await finishedRecording(ogg, 1000)).toBe(ogg);
    const broken = new Blob([Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x81])], {
      type: 'audio/webm',
    });
    const same = await finishedRecording(broken, 1000);
    expect(same).toBe(broken);
  });
});
