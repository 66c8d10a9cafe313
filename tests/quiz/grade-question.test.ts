import { describe, expect, it } from 'vitest';
import { gradeQuestion } from '../../src/quiz/grade-question.js';

describe('grading a quiz answer', () => {
  it('counts the right option as 5 and any other as 1', () => {
    const question = { type: 'choice' as const, answer: 'NodePort' };
    expect(gradeQuestion(question, 'NodePort')).toMatchObject({ correct: true, quality: 5 });
    expect(gradeQuestion(question, 'ClusterIP')).toMatchObject({ correct: false, quality: 1 });
  });

  it('accepts a command with flags reordered and spelled long', () => {
    const grade = gradeQuestion({ type: 'command', answer: 'docker run -d -p 8080:80 nginx' }, 'docker run -p 8080:80 --detach nginx');
    expect(grade).toMatchObject({ correct: true, quality: 5, differences: [] });
  });

  it('marks a command with another image wrong and says what differs', () => {
    const grade = gradeQuestion({ type: 'command', answer: 'docker run -d -p 8080:80 nginx' }, 'docker run -d -p 8080:80 httpd');
    expect(grade.correct).toBe(false);
    expect(grade.quality).toBe(1);
    expect(grade.differences?.join('\n')).toMatch(/httpd/);
  });

  it('marks a command missing a flag wrong', () => {
    const grade = gradeQuestion({ type: 'command', answer: 'docker run -d -p 8080:80 nginx' }, 'docker run -p 8080:80 nginx');
    expect(grade.correct).toBe(false);
    expect(grade.differences?.join('\n')).toMatch(/detach|-d/);
  });

  it('forgives one typo in a long word as quality 4 and shows the diff', () => {
    const grade = gradeQuestion({ type: 'words', answer: 'ReplicaSet' }, 'ReplicSet');
    expect(grade).toMatchObject({ correct: true, typo: true, quality: 4 });
    expect(grade.diff).toEqual([
      { op: 'added', text: 'ReplicSet' },
      { op: 'removed', text: 'ReplicaSet' },
    ]);
  });

  it('gives 5 for an exact answer, ignoring case and punctuation', () => {
    expect(gradeQuestion({ type: 'words', answer: 'kube-proxy' }, 'Kube Proxy')).toMatchObject({ correct: true, typo: false, quality: 5 });
  });

  it('grades a cloze gap as words, and a wrong short word as 1', () => {
    expect(gradeQuestion({ type: 'cloze', answer: 'etcd' }, 'etcd')).toMatchObject({ correct: true, quality: 5 });
    expect(gradeQuestion({ type: 'cloze', answer: 'pod' }, 'pid')).toMatchObject({ correct: false, typo: false, quality: 1 });
  });
});

describe('grading with what the question says', () => {
  it('accepts a command with another name when the prompt states none', () => {
    const question = { type: 'command' as const, answer: 'docker network create appnet', prompt: 'Which command creates a user-defined bridge network?' };
    expect(gradeQuestion(question, 'docker network create backend')).toMatchObject({ correct: true, quality: 5, differences: [] });
    expect(gradeQuestion({ type: 'command', answer: 'docker network create appnet' }, 'docker network create backend').correct).toBe(false);
  });

  it('accepts a command alternative and shows the note’s command when none matches', () => {
    const question = { type: 'command' as const, answer: 'docker ps -a', alternatives: ['docker container ls --all --quiet'] };
    expect(gradeQuestion(question, 'docker container ls -aq').correct).toBe(true);
    expect(gradeQuestion(question, 'docker ps').differences).toEqual(['missing flag --all']);
  });

  it('accepts a word alternative and reads flags with the prompt’s command', () => {
    expect(gradeQuestion({ type: 'words', answer: 'containerd', alternatives: ['CRI-O'] }, 'cri-o')).toMatchObject({ correct: true, quality: 5 });
    const flag = { type: 'cloze' as const, answer: '-d', prompt: 'Start the container in the background with docker run ___.' };
    expect(gradeQuestion(flag, '--detach')).toMatchObject({ correct: true, quality: 5 });
    expect(gradeQuestion(flag, '-D')).toMatchObject({ correct: false, quality: 1 });
  });
});
