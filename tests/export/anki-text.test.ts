import { describe, expect, it } from 'vitest';
import { cardsCsv, historyCsv } from '../../src/export/anki-csv.js';
import { deckForTopic, guidForCard } from '../../src/export/anki-notes.js';
import { guidForText, parseAnkiText } from '../../src/export/anki-text-import.js';
import type { ExportCard, LearnerExport } from '../../src/export/learner-export.js';

const card = (id: string, extra: Partial<ExportCard> = {}): ExportCard => ({
  id,
  kind: 'command',
  topic: 'Containers with Docker › Images',
  prompt: `Which command lists the images? (${id})`,
  answer: 'docker image ls',
  choices: null,
  sourceFile: 'docker.md',
  sourceLine: 3,
  position: 1,
  createdAt: 0,
  state: null,
  ...extra,
});

const data = (cards: ExportCard[]): LearnerExport => ({ cards, history: [], imported: [] });

function ok(text: string) {
  const parsed = parseAnkiText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.notes;
}

const problem = (text: string) => {
  const parsed = parseAnkiText(text);
  return parsed.ok ? 'imported' : parsed.message;
};

describe('the cards CSV', () => {
  it('starts with Anki’s header lines and writes one note per line with a stable GUID', () => {
    const csv = cardsCsv(data([card('a1'), card('a2', { answer: 'say "hi"\tand\nmore', choices: ['one', 'two'], kind: 'choice' })]));
    const lines = csv.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '#separator:tab',
      '#html:false',
      '#columns:GUID\tNotetype\tDeck\tFront\tBack\tTags',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
    ]);
    expect(lines[7]).toBe(`${guidForCard('a1')}\tBasic\tDeckhand::Containers with Docker::Images\tWhich command lists the images? (a1)\tdocker image ls\tdeckhand deckhand::command`);
    expect(guidForCard('a1')).toMatch(/^[0-9a-f]{16}$/);
    expect(guidForCard('a1')).toBe(guidForCard('a1'));
    expect(guidForCard('a1')).not.toBe(guidForCard('a2'));
    expect(csv).toContain('"say ""hi""\tand\nmore"');
  });

  it('keeps text a spreadsheet would take for a formula as it is', () => {
    expect(cardsCsv(data([card('a1', { answer: '-p 8080:80' })]))).toContain('\t-p 8080:80\t');
  });

  it('reads back through the importer as the same notes', () => {
    const cards = [card('a1'), card('a2', { prompt: 'Multi\nline, with "quotes"', answer: 'x,y' })];
    const notes = ok(cardsCsv(data(cards)));
    expect(notes).toEqual(
      cards.map((c) => ({ guid: guidForCard(c.id), front: c.prompt, back: c.answer, deck: deckForTopic(c.topic), tags: ['deckhand', 'deckhand::command'] })),
    );
  });

  it('names decks from the topic path', () => {
    expect(deckForTopic('Containers with Docker › Images')).toBe('Deckhand::Containers with Docker::Images');
    expect(deckForTopic('')).toBe('Deckhand');
    expect(deckForTopic('A::B › C')).toBe('Deckhand::A:B::C');
  });

  it('writes the review history with one line per answer, undone ones marked', () => {
    const csv = historyCsv({
      cards: [],
      imported: [],
      history: [
        { id: 7, cardId: 'a1', kind: 'new', quality: 4, answeredAt: Date.parse('2026-03-10T12:00:00Z'), day: '2026-03-10', durationMs: 900, repsBefore: 0, easeBefore: 250, intervalBefore: 0, repsAfter: 1, easeAfter: 250, intervalAfter: 1, dueAfter: '2026-03-11', undoneAt: Date.parse('2026-03-10T12:01:00Z'), correctsId: null },
      ],
    });
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('guid,card_id,answered_at,day,kind,quality,anki_ease,duration_ms,reps_before,ef_before,interval_before,reps_after,ef_after,interval_after,due_after,undone_at,corrects_id,log_id');
    expect(row).toBe(`${guidForCard('a1')},a1,2026-03-10T12:00:00.000Z,2026-03-10,new,4,3,900,0,2.50,0,1,2.50,1,2026-03-11,2026-03-10T12:01:00.000Z,,7`);
  });
});

describe('importing an Anki text file', () => {
  it('reads plain front,back lines, with or without a header row', () => {
    expect(ok('front,back\nWhat is a pod?,The smallest deployable unit\n"A, B",C\n')).toEqual([
      { guid: guidForText('What is a pod?', 'The smallest deployable unit'), front: 'What is a pod?', back: 'The smallest deployable unit', deck: null, tags: [] },
      { guid: guidForText('A, B', 'C'), front: 'A, B', back: 'C', deck: null, tags: [] },
    ]);
    expect(ok('Q1\tA, with a comma\n')).toEqual([{ guid: guidForText('Q1', 'A, with a comma'), front: 'Q1', back: 'A, with a comma', deck: null, tags: [] }]);
  });

  it('reads Anki’s header lines: separator, html, guid, deck and tags columns, deck and tags for all', () => {
    const text = [
      '#separator:Semicolon',
      '#html:true',
      '#tags:k8s',
      '#guid column:1',
      '#deck column:2',
      '#tags column:5',
      'g1;Kube::Pods;What is a <b>pod</b>?;One or more containers<br>sharing a network;basics',
      '# a comment line',
      'g2;;"Q &amp; A";yes;',
    ].join('\n');
    expect(ok(text)).toEqual([
      { guid: 'g1', front: 'What is a pod?', back: 'One or more containers\nsharing a network', deck: 'Kube::Pods', tags: ['k8s', 'basics'] },
      { guid: 'g2', front: 'Q & A', back: 'yes', deck: null, tags: ['k8s'] },
    ]);
  });

  it('lets the later of two lines with one GUID win', () => {
    expect(ok('#guid column:1\ng1,a,b\ng1,a,c\n').map((note) => note.back)).toEqual(['c']);
  });

  it('names the line of the first problem and imports nothing', () => {
    expect(problem('a,b\nonly a front\nc,d\n')).toBe('Line 2: the back is empty (found 1 field; separate front and back with ","). Nothing was imported.');
    expect(problem('#separator:tab\n#html:false\nq\t \n')).toBe('Line 3: the back is empty. Nothing was imported.');
    expect(problem('a,b\n"never closed,b\n')).toBe('Line 2: a quoted field is never closed.');
    expect(problem('#notetype column:1\nCloze,{{c1::x}},\n')).toBe('Line 2: Cloze notes are not imported; only notes with a front and a back. Nothing was imported.');
    expect(problem('#guid column:x\na,b\n')).toBe('Line 1: "#guid column:" needs a column number from 1 to 100.');
    expect(problem(`a,${'x'.repeat(10_001)}\n`)).toBe('Line 1: the back is longer than 10,000 characters. Nothing was imported.');
    expect(problem('\n\n')).toBe('The file has no notes: write one note per line, front and back separated by a comma or a tab.');
  });

  it('refuses more than 5,000 notes or 2 MB', () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `q${i},a${i}`).join('\n');
    expect(problem(rows)).toBe('The file has 5,001 notes; import at most 5,000 at a time.');
    expect(problem(`a,${'x'.repeat(2 * 1024 * 1024)}`)).toBe('The file is larger than 2 MB; split it and import the parts.');
  });
});
