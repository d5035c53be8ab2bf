import { register } from 'tsx/esm/api';

export default async function globalTeardown() {
  register();
  const { tearDownDatabase } = await import('./database-teardown.ts');
  const { tearDownRedis } = await import('./redis-setup.ts');
  await Promise.all([tearDownDatabase(), tearDownRedis()]);
}
