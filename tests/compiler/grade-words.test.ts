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

describe('flags in word answers', () => {
  it('keeps the case of a flag', () => {
    expect(gradeWords('-P', '-p').correct).toBe(false);
    expect(gradeWords('-p', '-P').correct).toBe(false);
    expect(gradeWords('--rm', '--RM').correct).toBe(false);
  });

  it('takes the long and the short spelling as one answer, in the prompt’s command', () => {
    expect(gradeWords('-d', '--detach', { prompt: 'Which docker run flag starts the container in the background?' }).correct).toBe(true);
    expect(gradeWords('-P', '--publish-all').correct).toBe(true);
    expect(gradeWords('-it', '-t -i').correct).toBe(true);
    expect(gradeWords('-n', '--namespace', { prompt: 'Which kubectl flag selects the namespace?' }).correct).toBe(true);
    expect(gradeWords('-d', '--driver', { prompt: 'Which docker network create flag picks the driver?' }).correct).toBe(true);
  });
});

describe('alternatives', () => {
  it.each([
    ['containerd (or CRI-O)', 'containerd'],
    ['containerd (or CRI-O)', 'CRI-O'],
    ['containerd (or CRI-O)', 'containerd or cri-o'],
    ['ENTRYPOINT or CMD', 'CMD'],
    ['no, on-failure, always or unless-stopped', 'always'],
    ['cgroups / control groups', 'control groups'],
    ['Container Runtime Interface (CRI)', 'CRI'],
    ['ClusterIP (the default)', 'ClusterIP'],
    ['containerd (or CRI-O), through the CRI', 'containerd'],
  ])('accepts each alternative written in %s, such as %s', (expected, given) => {
    expect(gradeWords(expected, given)).toMatchObject({ correct: true, typo: false });
  });

  it('does not take an explanation in parentheses, or part of a sentence, for an answer', () => {
    expect(gradeWords('ClusterIP (the default)', 'the default').correct).toBe(false);
    expect(gradeWords('a folder that is kept on the host or in the cloud', 'in the cloud').correct).toBe(false);
    expect(gradeWords('default, kube-system, kube-public', 'default').correct).toBe(false);
    expect(gradeWords('ClusterIP, NodePort, LoadBalancer, Ingress', 'ClusterIP').correct).toBe(false);
    expect(gradeWords('0.5 cpu, 256 Mi memory', '0.5 cpu').correct).toBe(false);
  });

  it('accepts the alternatives a card lists, and shows the diff against the one matched', () => {
    expect(gradeWords('etcd', 'cluster store', { alternatives: ['the cluster store'] })).toEqual({
      correct: true,
      typo: false,
      diff: [{ op: 'removed', text: 'the' }, { op: 'same', text: 'cluster store' }],
    });
  });
});

describe('meaning over wording', () => {
  it.each([
    ['.dockerignore file', '.dockerignore'],
    ['ENTRYPOINT instruction', 'entrypoint'],
    ['net namespace', 'network namespace'],
    ['network namespace', 'net ns'],
    ['Kubernetes', 'k8s'],
    ['persistent volume claim', 'PVC'],
    ['environment variable', 'env var'],
    ['the kubelet', 'kubelet'],
    ['Pod', 'pods'],
  ])('accepts %s typed as %s', (expected, given) => {
    expect(gradeWords(expected, given)).toMatchObject({ correct: true, typo: false });
  });

  it('keeps a noun that is the answer, and numbers in their order', () => {
    expect(gradeWords('storage driver', 'storage').correct).toBe(false);
    expect(gradeWords('-p 8080:80', '-p 80:8080').correct).toBe(false);
  });
});
