import type { IncomingMessage } from 'node:http';

/** Express's compiled `trust proxy` setting: whether the hop at `index` may be believed. */
export type TrustProxy = (address: string, index: number) => boolean;

function first(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

/**
 * The origin a browser on this hub's own pages sends: scheme, host and port as the request
 * reached us. X-Forwarded-Proto and X-Forwarded-Host count only when the peer is a trusted
 * proxy (the same rule Express applies to `req.protocol` and `req.host`), so a client cannot
 * make any origin "ours" by sending the headers itself.
 */
export function requestOrigin(req: IncomingMessage, trust: TrustProxy): string | undefined {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const trusted = trust(req.socket.remoteAddress ?? '', 0);
  const proto =
    (trusted && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  const host = (trusted && first(req.headers['x-forwarded-host'])) || req.headers.host;
  if (!host) return undefined;
  return normalOrigin(`${proto}://${host}`);
}

/** `http://Example.org:80` and `http://example.org` are one origin; undefined if not a URL. */
export function normalOrigin(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
