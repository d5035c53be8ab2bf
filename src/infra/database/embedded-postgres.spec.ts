import { sharedBuffersMb } from './embedded-postgres.js';

const GiB = 2 ** 30;

describe('the embedded PostgreSQL shared_buffers', () => {
  it('is an eighth of memory in 16 MB steps, from 128 MB up to 512 MB', () => {
    expect(sharedBuffersMb(0.5 * GiB)).toBe(128);
    expect(sharedBuffersMb(1 * GiB)).toBe(128);
    expect(sharedBuffersMb(2 * GiB)).toBe(256);
    expect(sharedBuffersMb(3 * GiB)).toBe(384);
    expect(sharedBuffersMb(3.1 * GiB)).toBe(384);
    expect(sharedBuffersMb(4 * GiB)).toBe(512);
    expect(sharedBuffersMb(24 * GiB)).toBe(512);
  });
});
