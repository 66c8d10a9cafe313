import Docker from 'dockerode';
import { isNotFound } from './engine.js';

/**
 * The names among `names` that have no local image, in the order given. Any spelling the
 * Docker CLI accepts works (`nginx`, `nginx:latest`), because the engine resolves it. Other code
 * uses it to warn before a challenge starts instead of failing on a pull that cannot work here.
 */
export async function ensureImages(names: string[], docker: Docker = new Docker()): Promise<string[]> {
  const missing: string[] = [];
  for (const name of names) {
    const found = await docker
      .getImage(name)
      .inspect()
      .then(
        () => true,
        (error: unknown) => {
          if (isNotFound(error)) return false;
          throw error;
        },
      );
    if (!found) missing.push(name);
  }
  return missing;
}

/** "image nginx is missing; run npm run images", or undefined when nothing is missing. */
export function missingImagesMessage(missing: readonly string[]): string | undefined {
  if (missing.length === 0) return undefined;
  const noun = missing.length === 1 ? 'image' : 'images';
  const verb = missing.length === 1 ? 'is' : 'are';
  return `${noun} ${missing.join(', ')} ${verb} missing; run npm run images`;
}
