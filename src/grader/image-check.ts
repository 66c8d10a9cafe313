import type { ImageExpect } from '../challenges/schema.js';
import type { CheckType, Verdict } from './check-type.js';
import { commandWords, normalizePort } from './container-facts.js';
import { normalizeTag, resolveImageId, showTag } from './image-ref.js';
import type { ImageFacts, Snapshot } from './snapshot.js';

interface Reading {
  ok: boolean;
  expected: string;
  observed: string;
}

// Dockerfile instructions that only change metadata; anything else above the base is a RUN.
const METADATA_STEP = /^(WORKDIR|CMD|ENV|EXPOSE|LABEL|ENTRYPOINT|COPY|ADD|USER|ARG|VOLUME|STOPSIGNAL|HEALTHCHECK|SHELL|ONBUILD|MAINTAINER)\b/;

function isRunStep(createdBy: string): boolean {
  const step = createdBy.trim();
  return step !== '' && !step.includes('#(nop)') && !METADATA_STEP.test(step);
}

function words(value: string[] | string | null | undefined): string {
  if (value === null || value === undefined || value.length === 0) return '(none)';
  return Array.isArray(value) ? JSON.stringify(value) : value;
}

function sameWords(actual: string[] | string | null | undefined, wanted: string[] | string): boolean {
  const a = typeof actual === 'string' ? commandWords(actual) : (actual ?? []);
  return a.join('\u0000') === commandWords(wanted).join('\u0000');
}

/** Steps added on top of the base image (history is newest first, so they come first). */
function stepsAboveBase(image: ImageFacts, base: ImageFacts | undefined): string[] {
  const steps = (image.history ?? []).map((step) => step.CreatedBy ?? '');
  const baseCount = base?.history?.length ?? 0;
  return steps.slice(0, Math.max(0, steps.length - baseCount));
}

function readImage(expect: ImageExpect, image: ImageFacts, snapshot: Snapshot): Reading[] {
  const config = image.Config ?? {};
  const readings: Reading[] = [];
  if (expect.workdir !== undefined) {
    const actual = config.WorkingDir || '/';
    readings.push({ ok: actual.replace(/\/+$/, '') === expect.workdir.replace(/\/+$/, '') || actual === expect.workdir, expected: `WORKDIR ${expect.workdir}`, observed: `WORKDIR ${actual}` });
  }
  if (expect.cmd !== undefined) {
    readings.push({ ok: sameWords(config.Cmd, expect.cmd), expected: `CMD ${words(commandWords(expect.cmd))}`, observed: `CMD ${words(config.Cmd)}` });
  }
  if (expect.entrypoint !== undefined) {
    readings.push({ ok: sameWords(config.Entrypoint, expect.entrypoint), expected: `ENTRYPOINT ${words(commandWords(expect.entrypoint))}`, observed: `ENTRYPOINT ${words(config.Entrypoint)}` });
  }
  for (const [key, value] of Object.entries(expect.env ?? {})) {
    const found = (config.Env ?? []).find((entry) => entry.startsWith(`${key}=`));
    readings.push({ ok: found === `${key}=${value}`, expected: `ENV ${key}=${value}`, observed: found ? `ENV ${found}` : `no ENV ${key}` });
  }
  if (expect.exposes !== undefined) {
    const exposed = Object.keys(config.ExposedPorts ?? {});
    const wanted = expect.exposes.map(normalizePort);
    readings.push({ ok: wanted.every((port) => exposed.includes(port)), expected: `EXPOSE ${wanted.join(' ')}`, observed: exposed.length ? `EXPOSE ${exposed.join(' ')}` : 'no EXPOSE' });
  }
  for (const [key, value] of Object.entries(expect.labels ?? {})) {
    const actual = config.Labels?.[key];
    readings.push({ ok: actual === value, expected: `LABEL ${key}=${value}`, observed: actual === undefined ? `no label ${key}` : `LABEL ${key}=${actual}` });
  }
  const baseId = expect.from ? resolveImageId(snapshot, expect.from) : undefined;
  const base = baseId ? snapshot.images[baseId] : undefined;
  if (expect.from !== undefined) {
    const baseLayers = base?.RootFS?.Layers ?? [];
    const layers = image.RootFS?.Layers ?? [];
    const ok = base !== undefined && baseLayers.every((layer, index) => layers[index] === layer);
    const observed = base === undefined ? `no local image ${showTag(expect.from)} to compare with` : ok ? `built on ${showTag(expect.from)}` : `its layers do not start with those of ${showTag(expect.from)}`;
    readings.push({ ok, expected: `built FROM ${showTag(expect.from)}`, observed });
  }
  const steps = stepsAboveBase(image, base);
  if (expect.runStep !== undefined) {
    const runs = steps.filter(isRunStep).length;
    readings.push({ ok: (runs > 0) === expect.runStep, expected: expect.runStep ? 'at least one RUN step' : 'no RUN step', observed: runs === 0 ? 'no RUN step in its history' : `${runs} RUN step${runs > 1 ? 's' : ''}` });
  }
  if (expect.historyIncludes !== undefined) {
    const text = expect.historyIncludes;
    const all = (image.history ?? []).map((step) => step.CreatedBy ?? '');
    readings.push({ ok: all.some((step) => step.includes(text)), expected: `a build step containing "${text}"`, observed: `steps: ${steps.map((s) => s.replace(/^\/bin\/sh -c (#\(nop\)\s+)?/, '').trim()).slice(0, 6).join(' | ') || '(none above the base)'}` });
  }
  return readings;
}

/**
 * Grades an image by tag: it exists, was tagged during this attempt (an image the learner
 * already had does not count), and has the stated config and history.
 */
export class ImageCheck implements CheckType<ImageExpect> {
  readonly kind = 'image';

  imagesNeeded(expect: ImageExpect): { tags: string[]; history: boolean } {
    return { tags: [expect.tag, ...(expect.from ? [expect.from] : [])], history: true };
  }

  evaluate(expect: ImageExpect, snapshot: Snapshot): Verdict {
    const name = showTag(expect.tag);
    const tag = snapshot.tags[normalizeTag(expect.tag)];
    const newTags = Object.entries(snapshot.tags).filter(([, facts]) => facts.isNew).map(([key]) => showTag(key));
    const others = newTags.length > 0 ? `images tagged during this attempt: ${newTags.join(', ')}` : 'no image tagged during this attempt';
    if (expect.absent) {
      return { passed: !tag, expected: `no image ${name}`, observed: tag ? `${name} is still there` : `no image ${name}` };
    }
    if (!tag) return { passed: false, expected: `an image tagged ${name}`, observed: `no image ${name}; ${others}` };
    if (!tag.isNew) {
      return { passed: false, expected: `an image tagged ${name} during this attempt`, observed: `${name} was already there before the attempt started` };
    }
    const image = snapshot.images[tag.imageId];
    if (!image) return { passed: false, expected: `an image tagged ${name}`, observed: `${name} could not be inspected` };
    const readings = readImage(expect, image, snapshot);
    const wrong = readings.filter((r) => !r.ok);
    const shown = wrong.length > 0 ? wrong : readings;
    if (shown.length === 0) return { passed: true, expected: `an image tagged ${name}`, observed: `found ${name}` };
    return {
      passed: wrong.length === 0,
      expected: `${name}: ${shown.map((r) => r.expected).join('; ')}`,
      observed: `${name}: ${shown.map((r) => r.observed).join('; ')}`,
    };
  }
}
