import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChallengeFormatError, loadChallenges, parseChallenge } from '../../src/challenges/load.js';

const valid = `id: demo
title: Demo
topic: Containers
images: [nginx]
task: Run it.
checks:
  - id: running
    describe: runs
    expect: { container: { image: nginx, state: running } }
solution:
  - docker run -d nginx
`;

function problems(text: string): string[] {
  const result = parseChallenge(text, 'demo.yaml');
  return 'problems' in result ? result.problems : [];
}

describe('parseChallenge', () => {
  it('parses a valid challenge and fills defaults', () => {
    const result = parseChallenge(valid, 'demo.yaml');
    expect('challenge' in result && result.challenge).toMatchObject({ id: 'demo', hints: [], ports: [] });
  });

  it('points at the line of a misspelt key', () => {
    const text = valid.replace('{ image: nginx, state: running }', '{ image: nginx, stat: running }');
    expect(problems(text)).toEqual(['demo.yaml:9: checks[0].expect.container.stat: unknown key "stat"']);
  });

  it('points at the line of an unknown check kind', () => {
    const text = valid.replace('expect: { container:', 'expect: { contianer:');
    expect(problems(text)).toEqual([
      'demo.yaml:9: checks[0].expect: must have exactly one of container, image, volume, network, exec or http',
    ]);
  });

  it('points at the line of a wrong value', () => {
    const text = valid.replace('state: running', 'state: sleeping');
    expect(problems(text)[0]).toMatch(/^demo\.yaml:9: checks\[0\]\.expect\.container\.state: /);
  });

  it('reports a missing key where its object starts', () => {
    expect(problems(valid.replace('title: Demo\n', ''))).toEqual(['demo.yaml:1: title: Invalid input: expected string, received undefined']);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('id: demo\ntitle: [unclosed\n')[0]).toMatch(/^demo\.yaml:\d+: /);
  });
});

describe('loadChallenges', () => {
  it('collects the problems of every file before failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'challenges-'));
    writeFileSync(join(dir, 'a.yaml'), valid);
    writeFileSync(join(dir, 'b.yaml'), valid);
    writeFileSync(join(dir, 'c.yaml'), valid.replace('id: demo', 'id: Bad Id'));
    try {
      loadChallenges(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ChallengeFormatError);
      const folder = basename(dir);
      expect((error as ChallengeFormatError).problems).toEqual([
        `${folder}/b.yaml:1: id "demo" is also used by ${folder}/a.yaml`,
        `${folder}/c.yaml:1: id: must be lower-case words joined by dashes`,
      ]);
    }
  });
});
