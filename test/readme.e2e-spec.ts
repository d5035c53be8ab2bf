import { readdirSync, readFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');

function filesIn(folder: string): string[] {
  return readdirSync(new URL(folder, ROOT), { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
}

describe('README stays current', () => {
  it('names every document in docs/ and docs/ops/ and links it', () => {
    const missing = [
      ...filesIn('docs/').map((name) => `docs/${name}`),
      ...filesIn('docs/ops/').map((name) => `docs/ops/${name}`),
    ].filter((path) => !readme.includes(`](${path})`));
    expect(missing).toEqual([]);
  });

  it('names every file of bench/ and migrations/ in the project layout', () => {
    const layout = readme.slice(readme.indexOf('## Project layout'));
    const missing = [...filesIn('bench/'), ...filesIn('migrations/')].filter(
      (name) => !layout.includes(name),
    );
    expect(missing).toEqual([]);
  });

  it('names every npm script', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const missing = Object.keys(scripts)
      .filter((name) => !['prestart', 'pretest', 'start:prod'].includes(name))
      .filter((name) => !name.startsWith('migration:'))
      .filter((name) => !readme.includes(`npm run ${name}`) && !readme.includes(`npm ${name}`));
    expect(missing).toEqual([]);
  });

  it('keeps its first two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });
});
