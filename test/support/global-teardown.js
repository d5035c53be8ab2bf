import { register } from 'tsx/esm/api';

export default async function globalTeardown() {
  register();
  const { tearDownDatabase } = await import('./database-teardown.ts');
  await tearDownDatabase();
}
