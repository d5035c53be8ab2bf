/** What a redacted value becomes, in log lines and in problem bodies alike. */
export const REDACTED = '[redacted]';

/** Query parameter names (lower case, without `-` and `_`) whose values are credentials. */
const SECRET_NAMES = new Set([
  'code',
  'key',
  'sig',
  'signature',
  'password',
  'passwd',
  'pwd',
  'pass',
  'auth',
  'authorization',
  'bearer',
  'jwt',
  'session',
  'sessionid',
  'sid',
  'otp',
  'pin',
  'credential',
  'credentials',
]);
/** Any name containing one of these (access_token, client_secret, x-amz-signature, apikey…). */
const SECRET_PARTS = ['token', 'secret', 'password', 'signature', 'apikey', 'privatekey'];

/** Three base64url segments, the first starting like a JSON header: a JWT wherever it appears. */
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/**
 * Path segments that are credentials: a public survey link's token, in the API route and in
 * the web client's `/s/<token>` form (docs/surveys.md).
 */
const SECRET_SEGMENTS = [/(\/public\/surveys\/)[^/?#]+/g, /^(\/s\/)[^/?#]+/];

function isSecretName(raw: string): boolean {
  let name = raw;
  try {
    name = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: judge the raw text.
  }
  const plain = name.toLowerCase().replace(/[-_.\s[\]]/g, '');
  return SECRET_NAMES.has(plain) || SECRET_PARTS.some((part) => plain.includes(part));
}

/**
 * A request URL fit to be written down: the values of credential-like query parameters and
 * anything shaped like a JWT (in the query or the path) become `[redacted]`. The rest is
 * kept byte for byte, so the line still says which route and filters were asked for. The
 * request log and problem bodies' `instance` both use it.
 */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  const path = SECRET_SEGMENTS.reduce(
    (text, pattern) => text.replace(pattern, `$1${REDACTED}`),
    (mark < 0 ? url : url.slice(0, mark)).replace(JWT, REDACTED),
  );
  if (mark < 0) return path;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair.replace(JWT, REDACTED);
      const name = pair.slice(0, equals);
      if (isSecretName(name)) return `${name}=${REDACTED}`;
      return `${name}=${pair.slice(equals + 1).replace(JWT, REDACTED)}`;
    })
    .join('&');
  return `${path}?${query}`;
}
