/** A host header we are willing to repeat in a header: a name or address and a port. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The web client's Content-Security-Policy: everything from the hub itself and nothing
 * inline (Vite's build has no inline script or style; a test checks it), no plugins, no
 * `<base>`, no framing, forms post only here. `img-src` takes `data:` and `blob:` for images
 * made in the page; the service worker and the manifest come from the hub too.
 *
 * `connect-src 'self'` covers socket.io's polling and, in current browsers, its websocket on
 * the same host; the `ws://` and `wss://` forms of the request's host are named as well for
 * browsers that read CSP level 2 strictly. A host that is not a plain name (or is missing)
 * is not repeated: the header must not become a way to inject directives.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}
