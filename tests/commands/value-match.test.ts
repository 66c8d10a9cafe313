import { describe, expect, it } from 'vitest';
import { isPlaceholder, promptFacts, valueMatcher } from '../../src/commands/value-match.js';

describe('what a prompt states', () => {
  it('finds names, numbers and number words, ignoring case and punctuation', () => {
    const facts = promptFacts('Which command scales the `Web` deployment to five replicas on port 8080?');
    expect(facts?.states('web')).toBe(true);
    expect(facts?.states('5')).toBe(true);
    expect(facts?.states('8080')).toBe(true);
    expect(facts?.states('80')).toBe(false);
    expect(facts?.states('api')).toBe(false);
  });

  it('states nothing without a prompt, so every value is fixed', () => {
    expect(promptFacts(undefined)).toBeUndefined();
    expect(promptFacts('   ')).toBeUndefined();
    expect(valueMatcher('web', undefined).exact).toBe(true);
  });
});

describe('matching one value', () => {
  const vague = promptFacts('Which command does it?');

  it('accepts any value of the same shape for what the prompt leaves open', () => {
    const name = valueMatcher('web', vague);
    expect(name.matches('db')).toBe(true);
    expect(name.matches('3f2a1b9c')).toBe(true);
    expect(name.matches('--force')).toBe(false);
    expect(name.matches('my db')).toBe(false);
    const number = valueMatcher('5', vague);
    expect(number.matches('12')).toBe(true);
    expect(number.matches('twelve')).toBe(false);
  });

  it('keeps what the prompt states and varies the rest, part by part', () => {
    const port = valueMatcher('8080:80', promptFacts('publish it on host port 8080'));
    expect(port.matches('8080:3000')).toBe(true);
    expect(port.matches('9090:80')).toBe(false);
    expect(port.describe).toBe('8080:80 (any value in place of 80)');
  });

  it('keeps the fact part of a value when its flag says so', () => {
    const port = valueMatcher('8080:80', vague, { fixedTail: true });
    expect(port.matches('9090:80')).toBe(true);
    expect(port.matches('9090:8080')).toBe(false);
  });

  it('never varies vocabulary, absolute paths or literal flag values, nor answers a name with vocabulary', () => {
    expect(valueMatcher('host', vague).exact).toBe(true);
    expect(valueMatcher('/usr/share/nginx/html', vague).exact).toBe(true);
    expect(valueMatcher('wide', vague, { literal: true }).exact).toBe(true);
    expect(valueMatcher('appnet', vague).matches('host')).toBe(false);
  });

  it('accepts any value for a placeholder, a number for a port placeholder, even without a prompt', () => {
    expect(valueMatcher('<image-name>', undefined).matches('busybox:1.36')).toBe(true);
    expect(valueMatcher('<host-port>:80', undefined).matches('9090:80')).toBe(true);
    expect(valueMatcher('<host-port>:80', undefined).matches('web:80')).toBe(false);
    expect(valueMatcher('<preferred port>:<source port>', undefined).matches('8080:80')).toBe(true);
    expect(valueMatcher('HOST_PORT:CONTAINER_PORT', undefined).matches('8080:80')).toBe(true);
  });

  it('tells placeholders from values', () => {
    expect(isPlaceholder('<container-id>')).toBe(true);
    expect(isPlaceholder('CONTAINER')).toBe(true);
    expect(isPlaceholder('IMAGE_NAME')).toBe(true);
    expect(isPlaceholder('MYSQL_ROOT_PASSWORD')).toBe(false);
    expect(isPlaceholder('web')).toBe(false);
  });
});

describe('matching long answers', () => {
  it('takes linear time for values with several placeholders or open parts', () => {
    const started = performance.now();
    for (const expected of ['<a>:<b>:<c>', '<a>-<b>-<c>', '<a>.<b>.<c>']) {
      expect(valueMatcher(expected, undefined).matches(`${'x-.:'.repeat(3000)} `)).toBe(false);
    }
    expect(valueMatcher('a:b:c:d:e', promptFacts('Which command?')).matches(`${'x:'.repeat(5000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
