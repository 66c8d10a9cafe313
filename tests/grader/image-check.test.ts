import { describe, expect, it } from 'vitest';
import { ImageCheck } from '../../src/grader/image-check.js';
import { normalizeTag } from '../../src/grader/image-ref.js';
import type { ImageExpect } from '../../src/challenges/schema.js';
import { fixtureSnapshot, meta } from './fixtures.js';

const check = new ImageCheck();
const grade = (expectation: ImageExpect, snapshot = fixtureSnapshot()) => check.evaluate(expectation, snapshot);

describe('image check', () => {
  it('passes a built image with its FROM, RUN, WORKDIR, CMD, ENV, EXPOSE and LABEL', () => {
    const verdict = grade({
      tag: 'fx-built:1.0',
      from: meta.box,
      runStep: true,
      workdir: '/app',
      cmd: ['cat', 'greeting.txt'],
      env: { MODE: 'demo' },
      exposes: [8080],
      labels: { 'org.deckhand.course': 'docker' },
    });
    expect(verdict.passed).toBe(true);
  });

  it('accepts CMD written as one line', () => {
    expect(grade({ tag: 'fx-built:1.0', cmd: 'cat greeting.txt' }).passed).toBe(true);
  });

  it('fails a wrong base image and says so', () => {
    const verdict = grade({ tag: 'fx-built:1.0', from: meta.web });
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toContain('its layers do not start with those of');
  });

  it('names only the wrong parts of the config', () => {
    const verdict = grade({ tag: 'fx-built:1.0', workdir: '/srv', cmd: ['cat', 'greeting.txt'] });
    expect(verdict).toMatchObject({ passed: false, expected: 'fx-built:1.0: WORKDIR /srv', observed: 'fx-built:1.0: WORKDIR /app' });
  });

  it('finds no RUN step in an image that only sets metadata over its base', () => {
    const verdict = grade({ tag: 'fx-built:1.0', runStep: true, from: 'fx-built:1.0' });
    expect(verdict.observed).toContain('no RUN step in its history');
  });

  it('finds text in the build history', () => {
    expect(grade({ tag: 'fx-built:1.0', historyIncludes: 'greeting.txt' }).passed).toBe(true);
  });

  it('says when the tag does not exist', () => {
    const verdict = grade({ tag: 'fx-missing:2' });
    expect(verdict).toMatchObject({ passed: false, expected: 'an image tagged fx-missing:2' });
    expect(verdict.observed).toBe('no image fx-missing:2; images tagged during this attempt: fx-built:1.0');
  });

  it('does not count a tag that existed before the attempt', () => {
    const verdict = grade({ tag: meta.box });
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toContain('was already there before the attempt started');
  });

  it('passes "absent" once the tag is gone', () => {
    const snapshot = fixtureSnapshot();
    expect(grade({ tag: 'fx-built:1.0', absent: true }, snapshot).passed).toBe(false);
    delete snapshot.tags[normalizeTag('fx-built:1.0')];
    expect(grade({ tag: 'fx-built:1.0', absent: true }, snapshot).passed).toBe(true);
  });
});
