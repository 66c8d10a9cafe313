import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTEXT_ROOT } from '../../src/images/build.js';
import {
  hashRecipes,
  normalizeReference,
  orderRecipes,
  parseReference,
  readContext,
  recipeHash,
  registryOf,
} from '../../src/images/recipe-graph.js';
import { IMAGE_RECIPES, type ImageRecipe } from '../../src/images/recipes.js';

function recipe(name: string, dependsOn: string[] = [], overrides: Partial<ImageRecipe> = {}): ImageRecipe {
  return {
    name,
    tags: [],
    group: 'challenges',
    dependsOn,
    context: name.replace(/[:/]/g, '-'),
    pullable: false,
    build: { kind: 'dockerfile' },
    ...overrides,
  };
}

const names = (recipes: readonly ImageRecipe[]): string[] => recipes.map((each) => each.name);

describe('orderRecipes', () => {
  it('puts every image after the images it depends on', () => {
    const ordered = names(orderRecipes(IMAGE_RECIPES));
    expect(ordered).toHaveLength(IMAGE_RECIPES.length);
    for (const each of IMAGE_RECIPES) {
      for (const dependency of each.dependsOn) {
        expect(ordered.indexOf(dependency)).toBeLessThan(ordered.indexOf(each.name));
      }
    }
    expect(ordered[0]).toBe('debian:bookworm-slim');
  });

  it('leaves the classroom image out of --only challenges', () => {
    const ordered = names(orderRecipes(IMAGE_RECIPES, ['challenges']));
    expect(ordered).not.toContain('deckhand/dind:latest');
    expect(ordered).toEqual(expect.arrayContaining(['nginx:latest', 'registry.k8s.io/pause:3.9', 'alpine:latest']));
  });

  it('pulls in the dependencies of a selected group or image', () => {
    expect(names(orderRecipes(IMAGE_RECIPES, ['classroom']))).toEqual(['debian:bookworm-slim', 'deckhand/dind:latest']);
    expect(names(orderRecipes(IMAGE_RECIPES, ['registry.k8s.io/pause:3.9']))).toEqual([
      'debian:bookworm-slim',
      'busybox:latest',
      'registry.k8s.io/pause:3.9',
    ]);
  });

  it('selects an image by an extra tag or without its tag', () => {
    expect(names(orderRecipes(IMAGE_RECIPES, ['nginx']))).toEqual(['debian:bookworm-slim', 'nginx:latest']);
    expect(names(orderRecipes(IMAGE_RECIPES, ['nginx:alpine']))).toEqual(['debian:bookworm-slim', 'nginx:latest']);
  });

  it('lists each image once when selectors overlap', () => {
    expect(names(orderRecipes(IMAGE_RECIPES, ['alpine', 'busybox', 'challenges'])).filter((n) => n === 'busybox:latest')).toHaveLength(1);
  });

  it('rejects an unknown selector, naming the groups', () => {
    expect(() => orderRecipes(IMAGE_RECIPES, ['httpd-lite'])).toThrow(
      '--only httpd-lite: no such group (challenges, classroom) or image',
    );
  });

  it('rejects a cycle and a dependency without a recipe', () => {
    expect(() => orderRecipes([recipe('a:1', ['b:1']), recipe('b:1', ['a:1'])])).toThrow(
      'image recipes form a cycle: a:1 → b:1 → a:1',
    );
    expect(() => orderRecipes([recipe('a:1', ['ghost:1'])])).toThrow('image a:1 depends on ghost:1, which has no recipe');
  });
});

describe('references', () => {
  it('splits repo and tag, defaulting the tag to latest', () => {
    expect(parseReference('registry.k8s.io/pause:3.9')).toEqual({ repo: 'registry.k8s.io/pause', tag: '3.9' });
    expect(parseReference('nginx')).toEqual({ repo: 'nginx', tag: 'latest' });
    expect(parseReference('localhost:5000/web')).toEqual({ repo: 'localhost:5000/web', tag: 'latest' });
    expect(normalizeReference('deckhand/dind')).toBe('deckhand/dind:latest');
  });

  it('tells Docker Hub images from those of another registry', () => {
    expect(registryOf('nginx:latest')).toBe('docker.io');
    expect(registryOf('deckhand/dind:latest')).toBe('docker.io');
    expect(registryOf('registry.k8s.io/pause:3.9')).toBe('registry.k8s.io');
  });
});

describe('recipe data', () => {
  it('gives every Dockerfile FROM either scratch, an earlier stage or a declared dependency', async () => {
    for (const each of IMAGE_RECIPES.filter((r) => r.build.kind === 'dockerfile')) {
      const dockerfile = await readFile(path.join(DEFAULT_CONTEXT_ROOT, each.context, 'Dockerfile'), 'utf8');
      const stages: string[] = [];
      for (const match of dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)) {
        const base = match[1] ?? '';
        const known = base === 'scratch' || stages.includes(base) || each.dependsOn.includes(normalizeReference(base));
        expect(known, `${each.name}: FROM ${base} is not in dependsOn`).toBe(true);
        if (match[2]) stages.push(match[2]);
      }
    }
  });
});

describe('recipeHash', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function context(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(path.join(tmpdir(), 'deckhand-recipe-'));
    dirs.push(root);
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), content);
    }
    return root;
  }

  it('is the same for the same recipe and files, whatever order they were read in', async () => {
    const root = await context({ 'web/Dockerfile': 'FROM base:1\n', 'web/b.txt': 'b', 'web/a/z.txt': 'z' });
    const files = await readContext(path.join(root, 'web'));
    expect(files.map((file) => file.path)).toEqual(['Dockerfile', 'a/z.txt', 'b.txt']);
    const web = recipe('web:1', [], { context: 'web' });
    expect(recipeHash(web, [...files].reverse(), [])).toBe(recipeHash(web, files, []));
    expect(recipeHash(web, files, [])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with file content, the executable bit, the recipe data and a dependency', async () => {
    const root = await context({ 'web/Dockerfile': 'FROM base:1\n', 'web/run.sh': 'echo hi\n' });
    const web = recipe('web:1', ['base:1'], { context: 'web' });
    const before = recipeHash(web, await readContext(path.join(root, 'web')), ['dep-a']);

    await chmod(path.join(root, 'web/run.sh'), 0o755);
    const executable = recipeHash(web, await readContext(path.join(root, 'web')), ['dep-a']);
    expect(executable).not.toBe(before);

    await writeFile(path.join(root, 'web/run.sh'), 'echo bye\n');
    const edited = recipeHash(web, await readContext(path.join(root, 'web')), ['dep-a']);
    expect(edited).not.toBe(executable);

    const files = await readContext(path.join(root, 'web'));
    expect(recipeHash({ ...web, tags: ['web:2'] }, files, ['dep-a'])).not.toBe(edited);
    expect(recipeHash(web, files, ['dep-b'])).not.toBe(edited);
  });

  it('rebuilds dependents when a base changes, and nothing else', async () => {
    const root = await context({ 'base/Dockerfile': 'FROM scratch\n', 'web/Dockerfile': 'FROM base:1\n', 'other/Dockerfile': 'FROM scratch\n' });
    const recipes = [
      recipe('web:1', ['base:1'], { context: 'web' }),
      recipe('base:1', [], { context: 'base' }),
      recipe('other:1', [], { context: 'other' }),
    ];
    const ordered = orderRecipes(recipes);
    const before = await hashRecipes(ordered, root);
    expect(await hashRecipes(ordered, root)).toEqual(before);

    await writeFile(path.join(root, 'base/Dockerfile'), 'FROM scratch\nLABEL changed=yes\n');
    const after = await hashRecipes(ordered, root);
    expect(after.get('base:1')).not.toBe(before.get('base:1'));
    expect(after.get('web:1')).not.toBe(before.get('web:1'));
    expect(after.get('other:1')).toBe(before.get('other:1'));
  });
});
