import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/commands/tokenize.js';
import { parseCommand } from '../../src/commands/parse-command.js';

describe('shell-like tokenizing', () => {
  it('splits on whitespace and keeps quoted spaces', () => {
    expect(tokenize(`docker run -e "A=b c" -e 'X=$Y' alpine`)).toEqual({ ok: true, words: ['docker', 'run', '-e', 'A=b c', '-e', 'X=$Y', 'alpine'] });
  });

  it('joins quoted and unquoted parts of one word', () => {
    expect(tokenize(`-v "$PWD/site":/usr/share/nginx/html`)).toEqual({ ok: true, words: ['-v', '$PWD/site:/usr/share/nginx/html'] });
  });

  it('treats a backslash as escaping the next character and backslash-newline as a continuation', () => {
    expect(tokenize('echo a\\ b \\\n c')).toEqual({ ok: true, words: ['echo', 'a b', 'c'] });
  });

  it('refuses unclosed quotes and shell operators', () => {
    expect(tokenize('echo "oops').ok).toBe(false);
    expect(tokenize('docker ps | head').ok).toBe(false);
    expect(tokenize('a && b').ok).toBe(false);
  });
});

describe('parsing docker invocations', () => {
  it('resolves management aliases and bundled flags', () => {
    const parsed = parseCommand('docker container run -dit --name web -p 80:80 nginx:latest sh -c "echo hi"');
    expect(parsed).toMatchObject({
      program: 'docker',
      path: ['run'],
      positionals: ['nginx'],
      rest: ['sh', '-c', 'echo hi'],
    });
    expect(Object.fromEntries(parsed?.flags ?? [])).toEqual({
      detach: ['true'], interactive: ['true'], tty: ['true'], name: ['web'], publish: ['80:80'],
    });
  });

  it('returns undefined for programs it does not know', () => {
    expect(parseCommand('podman run nginx')).toBeUndefined();
  });
});

describe('tokenizing what notes write', () => {
  it('keeps <placeholders> as words, also inside a value and with spaces', () => {
    expect(tokenize('docker run -p <host-port>:80 <image name>')).toEqual({ ok: true, words: ['docker', 'run', '-p', '<host-port>:80', '<image name>'] });
    expect(tokenize('docker run -p <preferred port>:<source port> nginx')).toEqual({
      ok: true,
      words: ['docker', 'run', '-p', '<preferred port>:<source port>', 'nginx'],
    });
  });

  it('still reads spaced angle brackets as redirections', () => {
    expect(tokenize('sort <in.txt >out.txt').ok).toBe(false);
    expect(tokenize('docker exec -i db psql < dump.sql').ok).toBe(false);
  });

  it('drops a trailing comment but keeps a # inside a word', () => {
    expect(tokenize('docker ps -a # every container')).toEqual({ ok: true, words: ['docker', 'ps', '-a'] });
    expect(tokenize('docker run -e COLOR=#fff nginx')).toEqual({ ok: true, words: ['docker', 'run', '-e', 'COLOR=#fff', 'nginx'] });
  });

  it('follows POSIX quoting: a backslash in double quotes escapes only what it must', () => {
    expect(tokenize('echo "a\\nb" "x\\"y"')).toEqual({ ok: true, words: ['echo', 'a\\nb', 'x"y'] });
    expect(tokenize("echo $'it\\'s'")).toEqual({ ok: true, words: ['echo', "it's"] });
  });

  it('refuses several lines and command substitution', () => {
    expect(tokenize('docker ps\ndocker images').ok).toBe(false);
    expect(tokenize('docker stop $(docker ps -q)').ok).toBe(false);
  });
});
