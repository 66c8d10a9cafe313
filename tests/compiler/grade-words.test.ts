import { describe, expect, it } from 'vitest';
import { gradeWords } from '../../src/compiler/grade-words.js';

describe('typed word answers', () => {
  it.each([
    ['kube-proxy', 'Kube Proxy'],
    ['Container Runtime Interface', 'container   runtime interface.'],
    ['etcd', 'ETCD'],
    ['unless-stopped', 'unlessstopped'],
  ])('accepts %s typed as %s (case, spacing and punctuation ignored)', (expected, given) => {
    expect(gradeWords(expected, given)).toMatchObject({ correct: true, typo: false });
  });

  it('forgives one typo in a word of six or more letters', () => {
    expect(gradeWords('kubelet', 'kubelte')).toMatchObject({ correct: true, typo: true });
    expect(gradeWords('control group', 'control gruop')).toMatchObject({ correct: false });
    expect(gradeWords('containerd', 'containred')).toMatchObject({ correct: true, typo: true });
  });

  it('does not forgive a typo in a short word', () => {
    expect(gradeWords('pid', 'pod')).toMatchObject({ correct: false, typo: false });
  });

  it('does not forgive two typos', () => {
    expect(gradeWords('kubelet', 'kbuelte').correct).toBe(false);
  });

  it('shows a word diff of what was typed against the answer', () => {
    expect(gradeWords('Unix Time Sharing', 'unix shared time').diff).toEqual([
      { op: 'same', text: 'unix' },
      { op: 'added', text: 'shared' },
      { op: 'same', text: 'time' },
      { op: 'removed', text: 'Sharing' },
    ]);
  });

  it('marks everything removed when nothing was typed', () => {
    expect(gradeWords('process id', '')).toEqual({ correct: false, typo: false, diff: [{ op: 'removed', text: 'process id' }] });
  });
});
