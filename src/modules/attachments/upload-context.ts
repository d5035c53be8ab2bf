import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';

/** The caller of the tus request being handled: tus's hooks and the store read it. */
export interface UploadCall {
  user: AuthUser;
  req: Request;
}

export const uploadCall = new AsyncLocalStorage<UploadCall>();
