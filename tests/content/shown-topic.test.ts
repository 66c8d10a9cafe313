import { describe, expect, it } from 'vitest';
import { shownTopic } from '../../src/content/card.js';

describe('the topic shown above a card', () => {
  it('leaves out a segment that names the answer of a cloze or a multiple choice', () => {
    expect(shownTopic({ kind: 'cloze', topic: 'Containers with Docker › Images', answer: 'Docker' })).toBe('Images');
    expect(shownTopic({ kind: 'choice', topic: 'Kubernetes › Jobs and Cronjobs', answer: 'Jobs' })).toBe('Kubernetes');
    expect(shownTopic({ kind: 'cloze', topic: 'Kubernetes › Config Maps', answer: 'Config maps' })).toBe('Kubernetes');
  });

  it('keeps the path of a card whose answer the topic does not name, and of other kinds', () => {
    expect(shownTopic({ kind: 'cloze', topic: 'Kubernetes › Pods', answer: 'pause container' })).toBe('Kubernetes › Pods');
    expect(shownTopic({ kind: 'cloze', topic: 'Containers with Docker', answer: 'Dock' })).toBe('Containers with Docker');
    expect(shownTopic({ kind: 'basic', topic: 'Kubernetes › Kubelet', answer: 'the node agent' })).toBe('Kubernetes › Kubelet');
    expect(shownTopic({ kind: 'command', topic: 'Docker › docker ps', answer: 'docker ps' })).toBe('Docker › docker ps');
  });
});
