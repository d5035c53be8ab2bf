import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from './error-code.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details.js';

/**
 * Node's parser errors, as Node itself would answer them, and the contract code for each:
 * what is too large is `payload_too_large`, anything else malformed `validation_failed`.
 */
const ANSWERS: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'payload_too_large',
    detail: 'The request line or headers are too large (a long query string counts)',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: 'payload_too_large',
    detail: 'The chunk extensions of the request are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'validation_failed',
    detail: 'The request did not arrive in time',
  },
};
const MALFORMED = { status: 400, code: 'validation_failed' as const, detail: 'Malformed request' };

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
    const body: ProblemDetails = {
      type: problemType(answer.code),
      title,
      status: answer.status,
      detail: answer.detail,
      code: answer.code,
    };
    const payload = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${answer.status} ${title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
        'Connection: close\r\n\r\n' +
        payload,
    );
  });
}
