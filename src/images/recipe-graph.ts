import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImageRecipe } from './recipes.js';

/** A reference split into what the Docker API wants: `repo` and `tag`. */
export interface ImageReference {
  repo: string;
  tag: string;
}

/** A file of a build context, as the hash sees it. */
export interface ContextFile {
  /** Path relative to the context folder, with forward slashes. */
  path: string;
  content: Buffer;
  executable: boolean;
}

/**
 * Splits `registry.k8s.io/pause:3.9` into repo and tag; a missing tag means `latest`, as in the
 * Docker CLI. The tag is after the last colon that follows the last slash (a port is not a tag).
 */
export function parseReference(reference: string): ImageReference {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repo: reference, tag: 'latest' };
}

/** `nginx` → `nginx:latest`, so names compare equal however the caller spelled them. */
export function normalizeReference(reference: string): string {
  const { repo, tag } = parseReference(reference);
  return `${repo}:${tag}`;
}

/** The registry a reference is pulled from; a first part without a dot or port is Docker Hub. */
export function registryOf(reference: string): string {
  const first = reference.split('/')[0] ?? '';
  const isHost = reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

/** Every reference a recipe produces: its name first, then its extra tags. */
export function referencesOf(recipe: ImageRecipe): string[] {
  return [recipe.name, ...recipe.tags];
}

/**
 * The recipes to make for a selection, dependencies first. `only` holds group names or image
 * references (`challenges`, `nginx`); empty means everything. Dependencies of a selected recipe
 * are always included, because a Dockerfile cannot build without its FROM.
 */
export function orderRecipes(recipes: readonly ImageRecipe[], only: readonly string[] = []): ImageRecipe[] {
  const byName = new Map(recipes.map((recipe) => [recipe.name, recipe]));
  const wanted = only.length === 0 ? [...recipes] : only.flatMap((key) => matchSelector(recipes, key));

  const ordered: ImageRecipe[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (recipe: ImageRecipe, via: string[]): void => {
    const seen = state.get(recipe.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`image recipes form a cycle: ${[...via, recipe.name].join(' → ')}`);
    state.set(recipe.name, 'visiting');
    for (const dependency of recipe.dependsOn) {
      const next = byName.get(dependency);
      if (!next) throw new Error(`image ${recipe.name} depends on ${dependency}, which has no recipe`);
      visit(next, [...via, recipe.name]);
    }
    state.set(recipe.name, 'done');
    ordered.push(recipe);
  };
  for (const recipe of wanted) visit(recipe, []);
  return ordered;
}

function matchSelector(recipes: readonly ImageRecipe[], key: string): ImageRecipe[] {
  const byGroup = recipes.filter((recipe) => recipe.group === key);
  if (byGroup.length > 0) return byGroup;
  const reference = normalizeReference(key);
  const byReference = recipes.filter((recipe) => referencesOf(recipe).includes(reference));
  if (byReference.length > 0) return byReference;
  const groups = [...new Set(recipes.map((recipe) => recipe.group))].join(', ');
  throw new Error(`--only ${key}: no such group (${groups}) or image`);
}

/** Reads a build context folder into memory, sorted by path. */
export async function readContext(dir: string): Promise<ContextFile[]> {
  const files: ContextFile[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        const full = path.join(dir, child);
        const info = await stat(full);
        files.push({ path: child, content: await readFile(full), executable: (info.mode & 0o111) !== 0 });
      }
    }
  };
  await walk('');
  return files.sort(byPath);
}

// Code-point order, not localeCompare: the hash must not depend on the machine's locale.
function byPath(a: ContextFile, b: ContextFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The hash stored in the `deckhand.recipe-hash` label: the recipe's data, its context files in
 * path order (content and executable bit, since an entrypoint that lost +x is a different image) and the
 * hashes of its dependencies, so a rebuilt base makes everything FROM it rebuild too.
 */
export function recipeHash(
  recipe: ImageRecipe,
  files: readonly ContextFile[],
  dependencyHashes: readonly string[],
): string {
  const hash = createHash('sha256');
  const data = {
    name: recipe.name,
    tags: recipe.tags,
    standIn: recipe.standIn ?? null,
    build: recipe.build,
    dependencies: recipe.dependsOn.map((name, index) => [name, dependencyHashes[index] ?? null]),
  };
  hash.update(JSON.stringify(data));
  for (const file of [...files].sort(byPath)) {
    const digest = createHash('sha256').update(file.content).digest('hex');
    hash.update(`\0${file.path}\0${file.executable ? 'x' : '-'}\0${digest}`);
  }
  return hash.digest('hex');
}

/**
 * Hashes of every ordered recipe, keyed by name. `ordered` must list dependencies first (as
 * `orderRecipes` does), so each dependency's hash is known before its dependents need it.
 */
export async function hashRecipes(
  ordered: readonly ImageRecipe[],
  contextRoot: string,
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const recipe of ordered) {
    const files = await readContext(path.join(contextRoot, recipe.context));
    const dependencyHashes = recipe.dependsOn.map((name) => hashes.get(name) ?? '');
    hashes.set(recipe.name, recipeHash(recipe, files, dependencyHashes));
  }
  return hashes;
}
