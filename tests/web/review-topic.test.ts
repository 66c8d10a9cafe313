import { describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../support/app.js';

describe('the topic path above a card in review', () => {
  it('does not name the answer of a cloze, on the page and in the API', async () => {
    const t = buildTestApp();
    t.db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES ('k1', 'cloze', 'Kubernetes › Kubelet', '___ is the agent that runs on every node', 'kubelet', 'k.md', 3, 1, 0, 0)`,
    );
    const { agent } = await signIn(t);
    const page = await agent.get('/review').expect(200);
    expect(page.text).toMatch(/id="card-topic">Kubernetes(?: ·|<)/);
    expect(page.text).not.toMatch(/id="card-topic">[^<]*Kubelet/);
    const next = await agent.get('/api/review/next').expect(200);
    expect((next.body as { card: { topic: string } }).card.topic).toBe('Kubernetes');
    // The stored path is whole: a class choosing the topic still finds the card.
    expect(t.db.first<{ topic: string }>("SELECT topic FROM cards WHERE id = 'k1'")?.topic).toBe('Kubernetes › Kubelet');
  });
});
