import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DebootstrapBuild } from './recipes.js';

/** What `rootfsTarball` needs: the recipe's build data and where things go. */
export interface RootfsRequest {
  build: DebootstrapBuild;
  /** Names the cached tarball, so each base keeps one. */
  context: string;
  /** Recipe hash: a changed recipe makes a new tarball, an unchanged one reuses it. */
  hash: string;
  /** scripts/images/<context>/, whose rootfs/ folder is copied over the bootstrapped tree. */
  contextDir: string;
  /** .tmp/images/ (gitignored). */
  cacheDir: string;
  onLine: (line: string) => void;
}

/**
 * A tarball of a trimmed debootstrap root filesystem, ready for `docker import`. debootstrap
 * takes ≈ 30 s and needs root, so the tarball is cached under the recipe hash: re-importing
 * after `docker image rm` or `docker system prune -a` costs seconds, not a bootstrap.
 */
export async function rootfsTarball(request: RootfsRequest): Promise<{ path: string; cached: boolean }> {
  const { build, context, hash, cacheDir } = request;
  const tarball = path.join(cacheDir, `${context}-${hash.slice(0, 16)}.tar`);
  if (await exists(tarball)) return { path: tarball, cached: true };

  if (process.getuid?.() !== 0) {
    throw new Error('debootstrap needs root to make the Debian base image; run npm run images as root');
  }
  await mkdir(cacheDir, { recursive: true });
  const rootfs = path.join(cacheDir, `rootfs-${context}-${hash.slice(0, 16)}`);
  await removeTree(rootfs);
  try {
    request.onLine(`debootstrap --variant=${build.variant} ${build.suite} (${build.mirror})`);
    await run('debootstrap', [`--variant=${build.variant}`, build.suite, rootfs, build.mirror], request.onLine);
    await trim(rootfs, build);
    const overlay = path.join(request.contextDir, 'rootfs');
    if (await exists(overlay)) await cp(overlay, rootfs, { recursive: true, verbatimSymlinks: true });
    request.onLine('packing the root filesystem');
    const partial = `${tarball}.partial`;
    await run('tar', ['--numeric-owner', '-C', rootfs, '-cf', partial, '.'], request.onLine);
    await rename(partial, tarball);
  } finally {
    await removeTree(rootfs);
  }
  await removeStaleTarballs(cacheDir, context, tarball);
  return { path: tarball, cached: false };
}

async function trim(rootfs: string, build: DebootstrapBuild): Promise<void> {
  for (const dir of build.emptyDirs) {
    const full = path.join(rootfs, dir);
    if (!(await exists(full))) continue;
    for (const entry of await readdir(full)) await rm(path.join(full, entry), { recursive: true, force: true });
  }
  for (const file of build.removeFiles) await rm(path.join(rootfs, file), { force: true });
}

/** Old bases are 75 MB each and can never be used again once the recipe changed. */
async function removeStaleTarballs(cacheDir: string, context: string, keep: string): Promise<void> {
  for (const entry of await readdir(cacheDir)) {
    const full = path.join(cacheDir, entry);
    if (entry.startsWith(`${context}-`) && entry.endsWith('.tar') && full !== keep) await rm(full, { force: true });
  }
}

/**
 * Deletes a rootfs tree, first unmounting whatever an interrupted debootstrap left mounted in it
 * (/proc, /sys): `rm -rf` through a mounted /proc or /sys would try to delete the host's.
 */
async function removeTree(dir: string): Promise<void> {
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
  const inside = mounts
    .split('\n')
    .map((line) => (line.split(' ')[1] ?? '').replace(/\\040/g, ' '))
    .filter((target) => target === dir || target.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const target of inside) await run('umount', ['-l', target], () => {}).catch(() => {});
  await rm(dir, { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Runs a command, passing its output on line by line; a failure carries the last lines. */
function run(command: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const collect = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        onLine(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'ENOENT' ? ` (${command} is not installed; apt-get install -y ${command})` : '';
      reject(new Error(`${command} could not start: ${error.message}${hint}`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with ${String(code)}:\n${tail.join('\n')}`));
    });
  });
}
