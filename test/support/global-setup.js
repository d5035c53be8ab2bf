// Jest loads global setup with Node's own loader, outside jest's transform and module
// mapping, so `./x.js` imports of TypeScript files would not resolve. tsx's loader makes
// them resolve; the work itself is in database-setup.ts and redis-setup.ts.
import { register } from 'tsx/esm/api';

export default async function globalSetup() {
  register();
  const { setUpDatabase } = await import('./database-setup.ts');
  const { tearDownDatabase } = await import('./database-teardown.ts');
  const { setUpRedis, tearDownRedis } = await import('./redis-setup.ts');
  const results = await Promise.allSettled([setUpDatabase(), setUpRedis()]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    // Jest runs no teardown after a failed setup: stop whichever half did start.
    await Promise.allSettled([tearDownDatabase(), tearDownRedis()]);
    throw failure.reason;
  }
}
