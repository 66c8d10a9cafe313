import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadChallenges } from '../challenges/load.js';

/** What the instructor pages need to know about a challenge. */
export interface CatalogChallenge {
  id: string;
  title: string;
  topic: string;
}

/** The challenges a class can choose from. The lead may pass the server's own loaded list. */
export interface ChallengeCatalog {
  list(): CatalogChallenge[];
}

const RELOAD_MS = 30_000;

/**
 * The default catalog: `content/challenges/*.yaml`, re-read at most every 30 s. A folder that is
 * missing gives no challenges; a broken file keeps the last good list, because the compiler, not
 * the dashboard, is where an author learns about their mistakes.
 */
export function challengeCatalogFromContent(contentDir: string, clock: () => number = Date.now): ChallengeCatalog {
  const dir = join(contentDir, 'challenges');
  let cached: CatalogChallenge[] = [];
  let loadedAt = Number.NEGATIVE_INFINITY;
  return {
    list() {
      const now = clock();
      if (now - loadedAt < RELOAD_MS) return cached;
      loadedAt = now;
      if (!existsSync(dir)) return (cached = []);
      try {
        cached = loadChallenges(dir).map((c) => ({ id: c.id, title: c.title, topic: c.topic }));
      } catch {
        // keep the last good list (see above)
      }
      return cached;
    },
  };
}

/** A fixed catalog, for tests and for a server that already holds its challenges. */
export function staticChallengeCatalog(challenges: readonly CatalogChallenge[]): ChallengeCatalog {
  return { list: () => [...challenges] };
}
