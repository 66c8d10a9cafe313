import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNotes } from '../../src/compiler/compile.js';
import type { CompiledCard } from '../../src/compiler/types.js';

const text = readFileSync(new URL('./fixtures/seed-style.md', import.meta.url), 'utf8');
const { cards, errors } = compileNotes([{ path: 'seed-style.md', text }]);

function card(prompt: string): CompiledCard | undefined {
  return cards.find((c) => c.prompt === prompt);
}

describe('notes written in the seed style', () => {
  it('compiles without errors', () => {
    expect(errors).toEqual([]);
  });

  it('turns a term - definition line into a basic card with its topic and source line', () => {
    expect(card('What does cgroup stand for?')).toEqual({
      kind: 'basic',
      topic: ['Docker basics'],
      prompt: 'What does cgroup stand for?',
      answer: 'control group',
      answerMode: 'words',
      source: { file: 'seed-style.md', line: 5 },
      confidence: expect.any(Number),
    });
  });

  it('collapses the title headings above the first content into the last one', () => {
    expect(cards.every((c) => c.topic[0] === 'Docker basics' || c.topic[0] === 'Kubernetes')).toBe(true);
  });

  it('blanks the subject of a definitional sentence in a cloze', () => {
    expect(card('A ___ is a server that stores container images')).toMatchObject({ kind: 'cloze', answer: 'registry' });
    expect(card('___ is the tag used when none is given')).toMatchObject({
      kind: 'cloze',
      answer: 'latest',
      topic: ['Docker basics', 'Images'],
    });
  });

  it('asks about a bold label through its single defining child bullet', () => {
    expect(card('What is ReplicaSet?')).toMatchObject({
      kind: 'basic',
      answer: 'keeps the requested number of identical pods running',
      source: { file: 'seed-style.md', line: 12 },
    });
  });

  it('pairs a code block with the sentence after it that says what it does', () => {
    expect(card('Which command runs nginx in the background and publishes it on host port 8080?')).toMatchObject({
      kind: 'command',
      answer: 'docker run -d -p 8080:80 nginx',
      answerMode: 'command',
      source: { file: 'seed-style.md', line: 14 },
    });
  });

  it('pairs an inline command with its description on the same line', () => {
    expect(card('Which command lists local images?')).toMatchObject({ kind: 'command', answer: 'docker images' });
  });

  it('answers a question bullet with the bullets under it', () => {
    expect(card('What happens when a container in a pod crashes?')).toMatchObject({
      kind: 'basic',
      answer: 'the kubelet restarts it, because restartPolicy defaults to Always',
      answerMode: 'reveal',
    });
  });

  it('uses the siblings of a list as the options of a multiple choice card', () => {
    const nodePort = card('Which Service type opens one port on every node and forwards it to the Service?');
    expect(nodePort).toMatchObject({ kind: 'choice', answer: 'NodePort', answerMode: 'choice' });
    expect([...(nodePort?.choices ?? [])].sort()).toEqual(['ClusterIP', 'LoadBalancer', 'NodePort']);
    const pid = card('Which namespace stands for "process id"?');
    expect(pid?.choices).toHaveLength(4);
    expect(pid?.choices).toContain('pid');
  });

  it('gives every card plain text and a positive source line', () => {
    for (const c of cards) {
      expect(c.prompt.trim()).not.toBe('');
      expect(c.answer.trim()).not.toBe('');
      expect(c.source.line).toBeGreaterThan(0);
    }
  });
});
