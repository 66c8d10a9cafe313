import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('reports an alias bomb at the line of its first alias, without expanding it', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 9; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    expect(problems(`${valid}${levels.join('\n')}\n`)).toEqual([
      'demo.yaml:13: its aliases (*name) expand to too much data (more than 100 expansions); write the values out',
    ]);
  });

  it('reads a challenge that uses a few aliases', () => {
    const text = valid.replace('images: [nginx]', 'images: [&img nginx]').replace('{ image: nginx, state: running }', '{ image: *img, state: running }');
    const result = parseChallenge(text, 'demo.yaml');
    expect('challenge' in result && result.challenge.checks[0]?.expect).toMatchObject({ container: { image: 'nginx' } });
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

  it('refuses a challenge that links out of the content folder, or is binary, and names each file', () => {
    const content = mkdtempSync(join(tmpdir(), 'dh-content-'));
    const outside = mkdtempSync(join(tmpdir(), 'dh-elsewhere-'));
    const dir = join(content, 'challenges');
    mkdirSync(dir);
    mkdirSync(join(content, 'shared'));
    writeFileSync(join(outside, 'stolen.yaml'), valid.replace('id: demo', 'id: stolen'));
    writeFileSync(join(content, 'shared', 'linked.yaml'), valid.replace('id: demo', 'id: linked'));
    symlinkSync(join(outside, 'stolen.yaml'), join(dir, 'a-out.yaml'));
    symlinkSync(join(content, 'shared', 'linked.yaml'), join(dir, 'b-in.yaml'));
    writeFileSync(join(dir, 'c-binary.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x00]));
    writeFileSync(join(dir, 'd.yaml'), valid);
    try {
      loadChallenges(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ChallengeFormatError);
      expect((error as ChallengeFormatError).problems).toEqual([
        'challenges/a-out.yaml:1: is a symbolic link to a place outside the content folder; only links within the folder are followed',
        'challenges/c-binary.yaml:1: is a binary file (it contains NUL bytes), not UTF-8 text; it is not read',
      ]);
    }
  });

  it('follows a link that stays inside the content folder', () => {
    const content = mkdtempSync(join(tmpdir(), 'dh-content-'));
    const dir = join(content, 'challenges');
    mkdirSync(dir);
    mkdirSync(join(content, 'shared'));
    writeFileSync(join(content, 'shared', 'linked.yaml'), valid.replace('id: demo', 'id: linked'));
    symlinkSync(join(content, 'shared', 'linked.yaml'), join(dir, 'linked.yaml'));
    expect(loadChallenges(dir).map((challenge) => challenge.id)).toEqual(['linked']);
  });
});
