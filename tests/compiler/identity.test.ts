import { describe, expect, it } from 'vitest';
import { matchCardIdentities, stableCardId, type StoredCard } from '../../src/compiler/identity.js';
import type { CompiledCard } from '../../src/compiler/types.js';

function card(prompt: string, answer: string, file = 'a.md', line = 1, kind: CompiledCard['kind'] = 'basic'): CompiledCard {
  return { kind, topic: ['T'], prompt, answer, answerMode: 'reveal', source: { file, line }, confidence: 0.9 };
}

function stored(id: string, c: CompiledCard, retired = false): StoredCard {
  return { id, kind: c.kind, topic: c.topic, prompt: c.prompt, answer: c.answer, sourceFile: c.source.file, sourceLine: c.source.line, retired };
}

const etcd = card('What is etcd?', 'a consistent, highly available key-value store for all cluster data', 'cp.md', 4);
const kubelet = card('What is the kubelet?', 'the agent on every node that keeps the pod containers running', 'cp.md', 8);
const previous = [stored('etcd-id', etcd), stored('kubelet-id', kubelet)];

function idOf(plan: ReturnType<typeof matchCardIdentities>, prompt: string): string | undefined {
  return plan.assignments.find((a) => a.card.prompt === prompt)?.id;
}

describe('card identity across edits', () => {
  it('keeps ids when nothing changed', () => {
    const plan = matchCardIdentities(previous, [etcd, kubelet], stableCardId);
    expect(plan.assignments.map((a) => [a.id, a.isNew])).toEqual([['etcd-id', false], ['kubelet-id', false]]);
    expect(plan.retiredIds).toEqual([]);
  });

  it('keeps the id when the answer is reworded', () => {
    const reworded = card('What is etcd?', 'the key-value database where Kubernetes keeps its state', 'cp.md', 4);
    const plan = matchCardIdentities(previous, [reworded, kubelet], stableCardId);
    expect(idOf(plan, 'What is etcd?')).toBe('etcd-id');
  });

  it('keeps the id when a typo in the question is fixed', () => {
    const typo = card('What is the kubelt?', kubelet.answer);
    const before = [stored('etcd-id', etcd), stored('kubelet-id', typo)];
    const plan = matchCardIdentities(before, [etcd, kubelet], stableCardId);
    expect(idOf(plan, 'What is the kubelet?')).toBe('kubelet-id');
  });

  it('keeps the id when the note moves to another section and file', () => {
    const moved = { ...etcd, topic: ['Other'], source: { file: 'storage/etcd.md', line: 40 } };
    const plan = matchCardIdentities(previous, [moved, kubelet], stableCardId);
    expect(idOf(plan, 'What is etcd?')).toBe('etcd-id');
    expect(plan.assignments.every((a) => !a.isNew)).toBe(true);
  });

  it('keeps the id through a small edit to both question and answer', () => {
    const edited = card('What is etcd ?', 'a consistent and highly available key-value store for all the cluster data');
    const plan = matchCardIdentities(previous, [edited, kubelet], stableCardId);
    expect(idOf(plan, 'What is etcd ?')).toBe('etcd-id');
  });

  it('retires the card of a deleted note instead of dropping it', () => {
    const plan = matchCardIdentities(previous, [kubelet], stableCardId);
    expect(plan.retiredIds).toEqual(['etcd-id']);
    expect(plan.assignments).toHaveLength(1);
  });

  it('revives a retired card when its note comes back', () => {
    const before = [stored('etcd-id', etcd, true), stored('kubelet-id', kubelet)];
    const plan = matchCardIdentities(before, [etcd, kubelet], stableCardId);
    expect(plan.assignments[0]).toMatchObject({ id: 'etcd-id', isNew: false, revived: true });
    expect(plan.retiredIds).toEqual([]);
  });

  it('gives a genuinely new card a fresh stable id', () => {
    const fresh = card('What is CoreDNS?', 'the cluster DNS server');
    const plan = matchCardIdentities(previous, [etcd, kubelet, fresh], stableCardId);
    expect(plan.assignments[2]).toMatchObject({ id: stableCardId(fresh), isNew: true, revived: false });
  });

  it('uses each stored card at most once when two new cards look like it', () => {
    const twin = card('What is etcd?', 'a consistent, highly available key-value store for all cluster data', 'b.md', 9);
    const plan = matchCardIdentities(previous, [etcd, twin, kubelet], stableCardId);
    const ids = plan.assignments.map((a) => a.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.filter((id) => id === 'etcd-id')).toHaveLength(1);
  });

  it('does not pair cards by a shared short answer when the answer is ambiguous', () => {
    const a = card('___ is an orchestrator', 'Kubernetes', 'k.md', 1, 'cloze');
    const b = card('___ grew out of Borg', 'Kubernetes', 'k.md', 2, 'cloze');
    const plan = matchCardIdentities(
      [stored('a', a), stored('b', b)],
      [card('___ runs containers on a fleet of machines', 'Kubernetes', 'k.md', 1, 'cloze'), card('___ came from Google', 'Kubernetes', 'k.md', 2, 'cloze')],
      stableCardId,
    );
    expect(plan.assignments.every((x) => x.isNew)).toBe(true);
    expect(plan.retiredIds.sort()).toEqual(['a', 'b']);
  });

  it('derives stable ids from kind and normalised text', () => {
    expect(stableCardId(etcd)).toMatch(/^[0-9a-f]{16}$/);
    expect(stableCardId({ ...etcd, prompt: 'what is  ETCD' })).toBe(stableCardId(etcd));
  });
});
