import { describe, expect, it } from 'vitest';
import { compileNotes } from '../../src/compiler/compile.js';
import { isDraft, type CompiledCard } from '../../src/compiler/types.js';

// Notes written for these tests in the styles other learners use: setext headings, indented
// code, transcripts, comment-per-command shell blocks, tables, question headings, manifests.
function compile(text: string): { cards: CompiledCard[]; warnings: string[]; errors: string[] } {
  const result = compileNotes([{ path: 'n.md', text }]);
  return {
    cards: result.cards,
    warnings: result.warnings.map((w) => `${w.line}: ${w.message}`),
    errors: result.errors.map((e) => `${e.line}: ${e.message}`),
  };
}

const emitted = (cards: CompiledCard[]): CompiledCard[] => cards.filter((card) => !isDraft(card));
const prompts = (cards: CompiledCard[]): string[] => cards.map((card) => card.prompt);

describe('notes in other learners’ styles', () => {
  it('ends an unclosed fence with its list item and keeps the cards after it', () => {
    const note = [
      '- Show the engine version:',
      '  ```sh',
      '  docker version',
      '- Show disk usage of images, containers and volumes:',
      '  ```sh',
      '  docker system df',
      '- A volume is storage that outlives its container',
    ].join('\n');
    const { cards, warnings, errors } = compile(note);
    expect(errors).toEqual([]);
    expect(warnings).toEqual(['2: code block is never closed: add a closing ``` line', '5: code block is never closed: add a closing ``` line']);
    expect(cards.map((c) => c.answer)).toEqual(expect.arrayContaining(['docker version', 'docker system df', 'volume']));
  });

  it('reads setext headings and an indented block introduced by a sentence ending in a colon', () => {
    const note = 'Images\n======\n\nRemove every dangling image:\n\n        docker image prune\n';
    const card = compile(note).cards.find((c) => c.kind === 'command');
    expect(card).toMatchObject({ prompt: 'Which command removes every dangling image?', answer: 'docker image prune', topic: ['Images'] });
  });

  it('makes one card per `# comment` and command pair of a shell block, conjugating only the verb', () => {
    const note = '```sh\n# list running containers\ndocker ps\n\n# follow the logs of a container\ndocker logs -f web\n\n# docker version\ndocker version\n```\n';
    const { cards } = compile(note);
    expect(prompts(cards)).toEqual(
      expect.arrayContaining(['Which command lists running containers?', 'Which command follows the logs of a container?']),
    );
    // "docker version" is no instruction; conjugating it would ask "Which command dockers version?".
    expect(prompts(cards).some((p) => /dockers/.test(p))).toBe(false);
  });

  it('never takes pasted output for a command, and strips prompts from a transcript', () => {
    const output = compile('Check the nodes:\n\n```\nNAME     STATUS   ROLES\nnode-1   Ready    control-plane\n```\n');
    expect(output.cards.filter((c) => c.kind === 'command')).toEqual([]);
    const transcript = compile('Check the nodes:\n\n```\nme@laptop % kubectl get nodes\nNAME     STATUS\nnode-1   Ready\n```\n');
    const card = transcript.cards.find((c) => c.kind === 'command');
    expect(card?.answer).toBe('kubectl get nodes');
    // A transcript is a weaker signal than a clean command block: it waits as a draft.
    expect(card && isDraft(card)).toBe(true);
  });

  it('asks about the instructions of a Dockerfile and the fields of a manifest, not for the whole file', () => {
    const note = [
      '```dockerfile',
      'FROM debian:12',
      'WORKDIR /app',
      'CMD ["./serve"]',
      '```',
      '',
      '```yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 3',
      '```',
    ].join('\n');
    const { cards } = compile(note);
    expect(cards.find((c) => c.answer === 'CMD')?.prompt).toMatch(/^Which Dockerfile instruction sets the default command/);
    expect(cards.find((c) => c.answer === 'replicas')).toMatchObject({ prompt: 'Which field of a Deployment manifest sets how many copies of the pod should run?', source: { line: 13 } });
    expect(cards.filter((c) => c.kind === 'command')).toEqual([]);
  });

  it('turns table rows into cards keyed by the column whose cells are all different, skipping placeholders', () => {
    const note = '| Group | Kind | Description |\n|---|---|---|\n| `apps/v1` | Deployment | rolls out replica sets |\n| `apps/v1` | DaemonSet | - |\n| `v1` | Pod | - |\n';
    const { cards } = compile(note);
    expect(prompts(cards)).toEqual(expect.arrayContaining(['What is the Group of Deployment?', 'What is the Group of DaemonSet?', 'What is Deployment?']));
    expect(cards.find((c) => c.prompt === 'What is the Group of Pod?')?.answer).toBe('v1');
    expect(cards.some((c) => c.answer === '-')).toBe(false);
  });

  it('answers a question heading with the paragraph under it', () => {
    const { cards } = compile('### What does a taint do?\n\nIt keeps pods off a node unless they tolerate it.\n');
    expect(cards).toEqual([expect.objectContaining({ prompt: 'What does a taint do?', answer: 'It keeps pods off a node unless they tolerate it' })]);
  });

  it('blanks only terms: never a verb, an adverb or an imperative', () => {
    const note = '- **Docker**\n    - Uses namespaces and cgroups\n    - Securely stores image layers\n- Make sure the daemon is running before you build\n- A registry is a server that stores images\n';
    const answers = compile(note).cards.filter((c) => c.kind === 'cloze').map((c) => c.answer);
    expect(answers).toContain('registry');
    expect(answers).not.toEqual(expect.arrayContaining(['Uses']));
    expect(answers.some((a) => /^(?:Uses|Securely|Make)/.test(a))).toBe(false);
  });

  it('gives a list item the label or heading it sits under as context', () => {
    const note = '## Restart policies\n\n- no - never restart the container\n- always - restart it whenever it stops\n- on-failure - restart it only after a non-zero exit\n';
    expect(prompts(compile(note).cards)).toEqual(expect.arrayContaining(['What is the no restart policy?', 'What is the always restart policy?']));
  });

  it('resolves "It" only to the term of the bullet it belongs to', () => {
    const note = '- etcd is the key value store of the cluster\n- It is backed up with snapshots\n';
    const clozes = compile(note).cards.filter((c) => c.kind === 'cloze');
    // The second bullet's "It" has no explicit antecedent: no card guesses one.
    expect(clozes.map((c) => c.source.line)).toEqual([1]);
  });

  it('does not pair a block with a "Note:" line or with the sentence that introduces the next block', () => {
    const note = '```sh\ndocker ps\n```\n\nNote: add -a for stopped ones.\n\n```sh\ndocker ps -a\n```\n';
    const commands = compile(note).cards.filter((c) => c.kind === 'command');
    expect(commands.some((c) => /note|add -a/i.test(c.prompt))).toBe(false);
    // With nothing in the note to describe them, everyday commands are asked in our own words.
    expect(commands.map((c) => [c.prompt, c.answer])).toEqual([
      ['Which command lists the running containers?', 'docker ps'],
      ['Which command lists all containers, stopped ones too?', 'docker ps -a'],
    ]);
  });

  it('offers no multiple choice with two right options', () => {
    const note = '## API groups\n\n- Pod: v1\n- Service: v1\n- Deployment: apps/v1\n- Job: batch/v1\n';
    const choices = compile(note).cards.filter((c) => c.kind === 'choice');
    for (const card of choices) expect(card.prompt).not.toMatch(/"v1"/);
  });

  it('keeps every card of a file whose other lines make nothing', () => {
    const note = '<div align="center">banner</div>\n\n![logo](logo.png)\n\n- A pod is the smallest deployable unit of Kubernetes\n';
    const { cards, errors } = compile(note);
    expect(errors).toEqual([]);
    expect(emitted(cards).map((c) => c.answer)).toEqual(['pod']);
  });

  it('parses a long note in pieces with every card at its own line', () => {
    const items = Array.from({ length: 4500 }, (_, i) => `- tool${i} - the helper number ${i} of the cluster`);
    const { cards } = compile(`# Tools\n\n${items.join('\n')}\n`);
    const last = cards.find((c) => c.prompt.includes('tool4499'));
    expect(last?.source.line).toBe(4502);
    expect(last?.answer).toBe('the helper number 4499 of the cluster');
    expect(cards.find((c) => c.prompt.includes('tool2000'))?.source.line).toBe(2003);
  });
});
