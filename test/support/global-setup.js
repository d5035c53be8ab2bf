// Jest loads global setup with Node's own loader, outside jest's transform and module
// mapping, so `./x.js` imports of TypeScript files would not resolve. tsx's loader makes
// them resolve; the work itself is in database-setup.ts.
import { register } from 'tsx/esm/api';

export default async function globalSetup() {
  register();
  const { setUpDatabase } = await import('./database-setup.ts');
  await setUpDatabase();
}
