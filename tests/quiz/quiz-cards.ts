import type { Database } from '../../src/db/database.js';

/** A card as quiz tests need it; everything not given gets a plain default. */
export interface TestCard {
  id: string;
  kind?: 'basic' | 'cloze' | 'command' | 'choice';
  topic?: string;
  prompt?: string;
  answer: string;
  answerMode: 'reveal' | 'words' | 'command' | 'choice';
  choices?: string[];
  retired?: boolean;
}

/** Inserts cards straight into the cards table, in order. */
export function insertCards(db: Database, cards: TestCard[]): void {
  cards.forEach((card, i) => {
    db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, answer_mode, choices, source_file, source_line,
                          position, retired_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'quiz.md', ?, ?, ?, 0, 0)`,
      [
        card.id,
        card.kind ?? (card.answerMode === 'choice' ? 'choice' : card.answerMode === 'command' ? 'command' : 'basic'),
        card.topic ?? 'Docker › Basics',
        card.prompt ?? `Question ${card.id}?`,
        card.answer,
        card.answerMode,
        card.choices ? JSON.stringify(card.choices) : null,
        i + 1,
        i + 1,
        card.retired ? 1 : null,
      ],
    );
  });
}

/** One card of every question type, plus cards a quiz must never ask. */
export const MIXED_DECK: TestCard[] = [
  { id: 'run', prompt: 'Which command runs nginx detached, publishing port 8080 to 80?', answer: 'docker run -d -p 8080:80 nginx', answerMode: 'command' },
  { id: 'etcd', kind: 'cloze', prompt: '___ is a consistent and highly available key value store.', answer: 'etcd', answerMode: 'words' },
  { id: 'svc', prompt: 'Which Service type exposes the Service on each node at a static port?', answer: 'NodePort', answerMode: 'choice', choices: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
  { id: 'rs', prompt: 'What keeps a stable set of replica Pods running?', answer: 'ReplicaSet', answerMode: 'words' },
  { id: 'ns', topic: 'Kubernetes › Namespaces', prompt: 'Which namespace holds the control-plane Pods?', answer: 'kube-system', answerMode: 'choice', choices: ['default', 'kube-system', 'kube-public'] },
  { id: 'long', prompt: 'Why use a multi-stage build?', answer: 'To keep build tools out of the final image and make it much smaller.', answerMode: 'reveal' },
  { id: 'gone', prompt: 'A removed note?', answer: 'gone', answerMode: 'words', retired: true },
];
