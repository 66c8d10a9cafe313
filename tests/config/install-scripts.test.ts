import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/server-process.js';

interface Lock {
  packages: Record<string, { hasInstallScript?: boolean }>;
}

const read = <T>(name: string): T => JSON.parse(readFileSync(join(REPO_ROOT, name), 'utf8')) as T;

describe('install scripts', () => {
  // npm 12 skips every dependency's install script not listed in allowScripts: an undeclared
  // better-sqlite3 would "install" without its binary and the server would not start.
  it('are declared, allowed or denied, for every locked package that has one', () => {
    const { allowScripts = {} } = read<{ allowScripts?: Record<string, boolean> }>('package.json');
    const withScripts = Object.entries(read<Lock>('package-lock.json').packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !(name in allowScripts))).toEqual([]);
    expect(allowScripts['better-sqlite3']).toBe(true);
  });

  it('are installed strictly in CI, so an undeclared one fails the run', () => {
    expect(readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^npm ci .*--strict-allow-scripts/m);
  });
});
