import { Writable } from 'node:stream';
import { pino } from 'pino';
import { PinoNestLogger, REDACT_PATHS, requestContext } from './logging.js';

function capture(): { lines: () => Record<string, unknown>[]; logger: PinoNestLogger } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const root = pino(
    {
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { reqId: context.reqId } : {};
      },
    },
    stream,
  );
  return {
    logger: new PinoNestLogger(root),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('structured logs', () => {
  it('writes object messages as fields with their context', () => {
    const { logger, lines } = capture();
    logger.log({ event: 'login', userId: 'u1' }, 'AuthService');
    expect(lines()[0]).toMatchObject({
      level: 30,
      event: 'login',
      userId: 'u1',
      context: 'AuthService',
    });
  });

  it('censors passwords and tokens wherever they appear', () => {
    const { logger, lines } = capture();
    logger.warn({
      event: 'oops',
      body: { password: 'hunter2hunter2', refreshToken: 'abc.def' },
      accessToken: 'eyJ',
    });
    const text = JSON.stringify(lines()[0]);
    expect(text).not.toMatch(/hunter2|abc\.def|eyJ/);
    expect(text).toContain('[redacted]');
  });

  it('adds the request id of the request being served to every line', () => {
    const { logger, lines } = capture();
    requestContext.run({ reqId: 'req-7' }, () => logger.log('inside'));
    logger.log('outside');
    const [inside, outside] = lines();
    expect(inside).toMatchObject({ msg: 'inside', reqId: 'req-7' });
    expect(outside?.reqId).toBeUndefined();
  });
});
