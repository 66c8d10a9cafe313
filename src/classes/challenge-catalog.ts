/** What the instructor pages need to know about a challenge. */
export interface CatalogChallenge {
  id: string;
  title: string;
  topic: string;
}

/** The challenges a class can choose from: the server's loaded ones (see build-deps.ts). */
export interface ChallengeCatalog {
  list(): CatalogChallenge[];
}

/** A fixed catalog, for tests and benchmarks. */
export function staticChallengeCatalog(challenges: readonly CatalogChallenge[]): ChallengeCatalog {
  return { list: () => [...challenges] };
}
