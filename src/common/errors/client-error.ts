import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { DEFAULT_LOCALE, type MessageKey, translate } from '../i18n/i18n.js';
import type { ErrorCode } from './error-code.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details.js';

/**
 * Node's parser errors, as Node itself would answer them, and the contract code for each:
 * what is too large is `payload_too_large`, anything else malformed `validation_failed`.
 */
const ANSWERS: Record<string, { status: number; code: ErrorCode; key: MessageKey }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'payload_too_large', key: 'client.headersTooLarge' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: 'payload_too_large',
    key: 'client.chunkExtensionsTooLarge',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'validation_failed', key: 'client.timeout' },
};
const MALFORMED = {
  status: 400,
  code: 'validation_failed' as const,
  key: 'client.malformed' as MessageKey,
};

/**
 * Errors Node raises before Express sees a request (headers too large, a malformed request
 * line) get a problem body too: without this listener Node writes a bare status line, which a
 * client cannot tell from a proxy's answer.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The client went away, or an answer is already on its way: nothing sensible to write.
    const busy = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || busy?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = (error.code && ANSWERS[error.code]) || MALFORMED;
    const title = STATUS_CODES[answer.status] ?? 'Bad Request';
    // The request could not be parsed, so its Accept-Language is unknown: the default locale.
    const body: ProblemDetails = {
      type: problemType(answer.code),
      title: translate(DEFAULT_LOCALE, `title.${answer.code}`),
      status: answer.status,
      detail: translate(DEFAULT_LOCALE, answer.key),
      code: answer.code,
    };
    const payload = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${answer.status} ${title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Language: ${DEFAULT_LOCALE}\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
        'Connection: close\r\n\r\n' +
        payload,
    );
  });
}
