import { describe, expect, it } from 'vitest';
import { compileNotes } from '../../src/compiler/compile.js';

function compile(text: string, path = 'note.md') {
  return compileNotes([{ path, text }]);
}

describe('explicit author syntax', () => {
  it('makes a basic card from question :: answer and no heuristic card from the same line', () => {
    const { cards } = compile('- What does chroot change? :: the root directory a process sees\n');
    expect(cards).toEqual([
      expect.objectContaining({ kind: 'basic', prompt: 'What does chroot change?', answer: 'the root directory a process sees' }),
    ]);
  });

  it('makes a command card when the answer is written as code', () => {
    const { cards } = compile('- Which command lists every container? :: `docker ps -a`\n');
    expect(cards[0]).toMatchObject({ kind: 'command', answer: 'docker ps -a', answerMode: 'command' });
  });

  it('makes one cloze card per Anki cloze number, showing hints and the other clozes', () => {
    const { cards } = compile('{{c1::etcd}} stores the cluster state and {{c2::kube-proxy::a node component}} forwards Service traffic\n');
    expect(cards.map((c) => [c.prompt, c.answer])).toEqual([
      ['___ stores the cluster state and kube-proxy forwards Service traffic', 'etcd'],
      ['etcd stores the cluster state and [a node component] forwards Service traffic', 'kube-proxy'],
    ]);
  });

  it('wins over the definition heuristic on the same line', () => {
    const { cards } = compile('- {{c1::runc}} is the low-level runtime that creates containers\n');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ kind: 'cloze', answer: 'runc' });
  });
});

describe('located errors', () => {
  it('reports a cloze without text at its line', () => {
    const { errors } = compile('# Notes\n\n- the {{c1::}} is empty\n', 'bad/cloze.md');
    expect(errors).toEqual([{ file: 'bad/cloze.md', line: 3, message: 'cloze {{c1::}} has no text to hide' }]);
  });

  it('warns about an unterminated code fence at the line it opens and keeps every card of the file', () => {
    const note = '- etcd is a consistent key value store\n- List every container:\n  ```bash\n  docker ps -a\n- The kubelet is the agent that runs on each node\n';
    const { errors, warnings, cards } = compileNotes([{ path: 'fence.md', text: note }]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([{ file: 'fence.md', line: 3, message: 'code block is never closed: add a closing ``` line' }]);
    // CommonMark ends the block with its list item, as every renderer shows it.
    expect(cards.map((c) => c.answer)).toEqual(expect.arrayContaining(['etcd', 'docker ps -a', 'kubelet']));
  });

  it('reports front matter that is not valid YAML, and still compiles the body', () => {
    const { errors, cards } = compile('---\ntopic: [unclosed\n---\n- runc is the low-level container runtime\n');
    expect(errors[0]).toMatchObject({ file: 'note.md', line: 2 });
    expect(errors[0]?.message).toMatch(/^front matter is not valid YAML/);
    expect(cards).toHaveLength(1);
  });

  it('reports front matter fields of the wrong type', () => {
    const { errors } = compile('---\ntags: docker\n---\n- text\n');
    expect(errors).toEqual([{ file: 'note.md', line: 2, message: 'front matter tags: Invalid input: expected array, received string' }]);
  });

  it('reports front matter that is never closed', () => {
    const { errors } = compile('---\ntopic: Docker\n- a line\n');
    expect(errors).toEqual([{ file: 'note.md', line: 1, message: 'front matter starts with --- but has no closing --- line' }]);
  });

  it('uses front matter topic and tags, keeping line numbers of the body', () => {
    const { cards } = compile('---\ntopic: Docker › Networking\ntags: [net]\n---\n- bridge - the default network driver\n');
    expect(cards[0]).toMatchObject({ topic: ['Docker', 'Networking'], tags: ['net'], source: { file: 'note.md', line: 5 } });
  });

  it('lists lines that produced no card as barren', () => {
    const { barren } = compile('- Practice with the CLI every day\n');
    expect(barren).toEqual([{ file: 'note.md', line: 1, text: 'Practice with the CLI every day' }]);
  });
});

describe('front matter with an unknown YAML tag', () => {
  it('is a located error, not a console warning', () => {
    const result = compileNotes([{ path: 'tagged.md', text: '---\ntopic: !oops Docker\n---\n- chroot - changes the root\n' }]);
    expect(result.errors).toEqual([expect.objectContaining({ file: 'tagged.md', line: 2 })]);
    expect(result.errors[0]?.message).toMatch(/front matter is not valid YAML/);
  });
});
