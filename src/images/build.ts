import { createReadStream } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { readProgress } from './docker-progress.js';
import { isNotFound } from './engine.js';
import { rootfsTarball } from './debootstrap.js';
import { DEFAULT_PULL_TIMEOUTS, Puller, type PullTimeouts } from './pull.js';
import { hashRecipes, orderRecipes, parseReference, readContext, referencesOf } from './recipe-graph.js';
import {
  BUILD_STAGE_LABEL,
  IMAGE_RECIPES,
  RECIPE_HASH_LABEL,
  RECIPE_NAME_LABEL,
  STAND_IN_LABEL,
  type DebootstrapBuild,
  type ImageRecipe,
} from './recipes.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the recipes' Dockerfiles and overlays live. */
export const DEFAULT_CONTEXT_ROOT = path.join(REPO_ROOT, 'scripts', 'images');
/** Where debootstrap tarballs are cached (gitignored). */
export const DEFAULT_CACHE_DIR = path.join(REPO_ROOT, '.tmp', 'images');

/**
 * What happened to one image: `up to date` (same recipe hash), `retagged` (only an extra tag was
 * missing), `kept` (present without our label: pulled earlier or the user's own), `pulled`, `built`.
 */
export type ImageOutcome = 'up to date' | 'retagged' | 'kept' | 'pulled' | 'built';

/** The result for one recipe, for the progress output and for tests. */
export interface ImageResult {
  name: string;
  outcome: ImageOutcome;
  seconds: number;
  sizeBytes: number;
  /** Why it was built rather than pulled, or which cache was used. */
  detail?: string;
}

/** Progress reported while `buildImages` runs. */
export type ImageEvent =
  | { type: 'start'; name: string; index: number; total: number }
  | { type: 'line'; name: string; line: string }
  | { type: 'done'; result: ImageResult };

/** Options of `buildImages`; everything but `docker` has a default for the real project. */
export interface BuildImagesOptions {
  docker: Docker;
  recipes?: readonly ImageRecipe[];
  contextRoot?: string;
  cacheDir?: string;
  /** Group names or image references; empty means every recipe. */
  only?: readonly string[];
  /** Try registries before building (default true). */
  pull?: boolean;
  /** Rebuild even when the recipe hash matches. */
  force?: boolean;
  pullTimeouts?: PullTimeouts;
  onEvent?: (event: ImageEvent) => void;
}

/**
 * Makes every selected image available, dependencies first: skips images whose label carries
 * the current recipe hash, pulls when a registry answers, otherwise builds from the recipe.
 * Stops at the first failure, since later images usually build FROM the one that failed.
 */
export async function buildImages(options: BuildImagesOptions): Promise<ImageResult[]> {
  const recipes = options.recipes ?? IMAGE_RECIPES;
  const contextRoot = options.contextRoot ?? DEFAULT_CONTEXT_ROOT;
  const emit = options.onEvent ?? (() => {});
  const ordered = orderRecipes(recipes, options.only ?? []);
  const hashes = await hashRecipes(ordered, contextRoot);
  const puller = new Puller(options.docker, options.pullTimeouts ?? DEFAULT_PULL_TIMEOUTS);

  const results: ImageResult[] = [];
  for (const [index, recipe] of ordered.entries()) {
    emit({ type: 'start', name: recipe.name, index, total: ordered.length });
    const started = performance.now();
    const hash = hashes.get(recipe.name) ?? '';
    const step: MakeStep = {
      docker: options.docker,
      recipe,
      hash,
      contextDir: path.join(contextRoot, recipe.context),
      cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
      onLine: (line) => emit({ type: 'line', name: recipe.name, line }),
    };
    const { outcome, detail } = await makeImage(step, puller, options);
    const sizeBytes = (await options.docker.getImage(recipe.name).inspect()).Size;
    const seconds = (performance.now() - started) / 1000;
    const result: ImageResult = { name: recipe.name, outcome, seconds, sizeBytes, ...(detail ? { detail } : {}) };
    results.push(result);
    emit({ type: 'done', result });
  }
  return results;
}

interface MakeStep {
  docker: Docker;
  recipe: ImageRecipe;
  hash: string;
  contextDir: string;
  cacheDir: string;
  onLine: (line: string) => void;
}

async function makeImage(
  step: MakeStep,
  puller: Puller,
  options: BuildImagesOptions,
): Promise<{ outcome: ImageOutcome; detail?: string }> {
  const { docker, recipe, hash } = step;
  const present = await labelsByReference(docker, referencesOf(recipe));
  const primary = present.get(recipe.name);

  if (!options.force && primary !== undefined) {
    if (primary.hash === undefined) return { outcome: 'kept', detail: 'present without a deckhand label; left as it is' };
    if (primary.hash === hash) {
      const missing = recipe.tags.filter((tag) => present.get(tag)?.id !== primary.id);
      if (missing.length === 0) return { outcome: 'up to date' };
      await tagAll(docker, recipe.name, missing);
      return { outcome: 'retagged', detail: missing.join(', ') };
    }
  }

  let detail: string | undefined;
  if (recipe.pullable && options.pull !== false) {
    const pulled = await puller.pull(recipe.name, step.onLine);
    if (pulled.ok) {
      for (const tag of recipe.tags) {
        if (!(await puller.pull(tag, step.onLine)).ok) await tagAll(docker, recipe.name, [tag]);
      }
      return { outcome: 'pulled' };
    }
    detail = `pull failed: ${pulled.reason}`;
  }

  if (recipe.build.kind === 'debootstrap') {
    const cached = await importRootfs(step, recipe.build);
    if (cached) detail = [detail, 'rootfs from cache'].filter(Boolean).join('; ');
  } else {
    await buildDockerfile(step);
  }
  await tagAll(docker, recipe.name, recipe.tags);
  if (primary !== undefined) await removeIfDangling(docker, primary.id);
  return { outcome: 'built', ...(detail ? { detail } : {}) };
}

interface PresentImage {
  id: string;
  hash: string | undefined;
}

async function labelsByReference(docker: Docker, references: string[]): Promise<Map<string, PresentImage>> {
  const present = new Map<string, PresentImage>();
  for (const reference of references) {
    const info = await docker
      .getImage(reference)
      .inspect()
      .catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
    if (info) present.set(reference, { id: info.Id, hash: info.Config?.Labels?.[RECIPE_HASH_LABEL] });
  }
  return present;
}

function recipeLabels(recipe: ImageRecipe, hash: string): Record<string, string> {
  return {
    [RECIPE_HASH_LABEL]: hash,
    [RECIPE_NAME_LABEL]: recipe.name,
    ...(recipe.standIn ? { [STAND_IN_LABEL]: recipe.standIn } : {}),
  };
}

/**
 * `docker build` through the API. dockerode packs the context with tar-fs when handed
 * `{ context, src }`, so there is no tar code here and no dependency on a docker CLI binary.
 */
async function buildDockerfile(step: MakeStep): Promise<void> {
  const files = await readContext(step.contextDir);
  const stream = await step.docker.buildImage(
    { context: step.contextDir, src: files.map((file) => file.path) },
    // pull: false — the FROM images are ours and exist only locally.
    { t: step.recipe.name, labels: recipeLabels(step.recipe, step.hash), rm: true, forcerm: true, pull: false },
  );
  await readProgress(stream, (message) => {
    for (const line of (message.stream ?? '').split('\n')) if (line.trim() !== '') step.onLine(line.trimEnd());
  });
  // Only images carrying our stage label: a learner's own dangling images are none of our business.
  await step.docker.pruneImages({ filters: { dangling: ['true'], label: [BUILD_STAGE_LABEL] } });
}

/** `docker import` of the debootstrap tarball; resolves true when the tarball came from the cache. */
async function importRootfs(step: MakeStep, build: DebootstrapBuild): Promise<boolean> {
  const tarball = await rootfsTarball({
    build,
    context: step.recipe.context,
    hash: step.hash,
    contextDir: step.contextDir,
    cacheDir: step.cacheDir,
    onLine: step.onLine,
  });
  step.onLine(`docker import ${path.basename(tarball.path)}`);
  const { repo, tag } = parseReference(step.recipe.name);
  // Labels go in as Dockerfile LABEL changes; JSON string syntax is valid Dockerfile quoting.
  const labels = Object.entries(recipeLabels(step.recipe, step.hash)).map(
    ([key, value]) => `LABEL ${key}=${JSON.stringify(value)}`,
  );
  const stream = await step.docker.importImage(createReadStream(tarball.path), {
    repo,
    tag,
    changes: [...build.changes, ...labels],
    message: `deckhand: debootstrap --variant=${build.variant} ${build.suite}`,
  });
  await readProgress(stream);
  return tarball.cached;
}

async function tagAll(docker: Docker, source: string, references: readonly string[]): Promise<void> {
  for (const reference of references) await docker.getImage(source).tag(parseReference(reference));
}

/**
 * The image a rebuild replaced is now untagged; drop it unless a container or a child image
 * still uses it (the engine refuses then, which is fine: `docker image prune` gets it later).
 */
async function removeIfDangling(docker: Docker, id: string): Promise<void> {
  const info = await docker.getImage(id).inspect().catch(() => undefined);
  if (info && (info.RepoTags ?? []).length === 0) await docker.getImage(id).remove().catch(() => {});
}
