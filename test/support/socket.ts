import { io, type Socket } from 'socket.io-client';

/** A real socket.io client on the app's port, namespace /rt (`headers` on its handshake). */
export function connect(
  baseUrl: string,
  token?: string,
  headers?: Record<string, string>,
): Promise<Socket> {
  const socket = io(`${baseUrl}/rt`, {
    auth: token === undefined ? {} : { token },
    ...(headers ? { extraHeaders: headers } : {}),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits and waits for the ack. */
export function ask<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs = 5000,
): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves with the next `event` payload that matches, or rejects after the timeout. */
export function next<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}
