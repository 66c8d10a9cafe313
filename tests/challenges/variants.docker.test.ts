import { afterEach, describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../src/challenges/attempts.js';
import { dockerAvailable } from '../support/docker.js';
import { checkUntil, hostService, runCommands } from './harness.js';

const hasDocker = await dockerAvailable();

describe.skipIf(!hasDocker)('grading what the learner meant', () => {
  const { service } = hasDocker ? hostService() : ({} as ReturnType<typeof hostService>);
  let live: string | undefined;

  afterEach(async () => {
    if (live && service.live(null, live)) await service.end(null, live);
    live = undefined;
  });

  /** Starts the challenge, runs the learner's commands, and checks (until all pass, briefly). */
  async function attempt(id: string, commands: string[], tries = 15): Promise<CheckOutcome> {
    await service.start(null, id);
    live = id;
    runCommands(commands);
    return checkUntil(service, id, (outcome) => outcome.allPassed, tries);
  }

  const result = (outcome: CheckOutcome, id: string) => outcome.results.find((r) => r.id === id);

  describe('equivalent solutions pass', () => {
    it.each([
      ['--publish and --detach', 'docker run --publish 12345:80 --detach nginx'],
      ['docker container run', 'docker container run -d -p 12345:80 nginx:latest'],
      ['docker create then docker start', 'docker start "$(docker create -p 12345:80 nginx)"'],
    ])('publish-port with %s', async (_name, command) => {
      expect((await attempt('publish-port', [command])).allPassed).toBe(true);
    });

    it('bind-mount-page with --mount type=bind', async () => {
      const outcome = await attempt('bind-mount-page', [
        'mkdir -p site && echo "<p>Hello from my bind mount</p>" > site/index.html',
        'docker run -d -p 8080:80 --mount type=bind,source="$PWD/site",target=/usr/share/nginx/html,readonly nginx',
      ]);
      expect(outcome.results.filter((r) => !r.passed)).toEqual([]);
    });

    it('pause-container joined by id rather than by name', async () => {
      const outcome = await attempt('pause-container', [
        'id=$(docker inspect -f "{{.Id}}" pause) && docker run -d --name web --net "container:$id" --pid "container:$(echo $id | cut -c1-12)" --ipc "container:$id" nginx',
      ]);
      expect(outcome.results.filter((r) => !r.passed)).toEqual([]);
    });
  });

  describe('near misses fail with a precise message', () => {
    it('ports reversed (-p 80:12345)', async () => {
      const outcome = await attempt('publish-port', ['docker run -d -p 80:12345 nginx'], 1);
      expect(result(outcome, 'running')?.passed).toBe(true);
      expect(result(outcome, 'published')).toMatchObject({
        passed: false,
        expected: 'a container from image nginx: 80/tcp → 12345',
        hint: '`-p` takes HOST:CONTAINER, so the host port comes first.',
      });
      expect(result(outcome, 'published')?.observed).toMatch(/: 12345\/tcp → 80$/);
      expect(result(outcome, 'serves')?.observed).toBe('http://127.0.0.1:12345/: connection refused');
    });

    it('container stopped', async () => {
      const outcome = await attempt('publish-port', ['docker run -d --name web -p 12345:80 nginx', 'docker stop -t 1 web'], 1);
      expect(result(outcome, 'running')).toMatchObject({
        passed: false,
        expected: 'a container from image nginx: running',
      });
      expect(result(outcome, 'running')?.observed).toMatch(/^web: exited \(exit code \d+\)$/);
      // A stopped container still records what it asked for.
      expect(result(outcome, 'published')?.passed).toBe(true);
    });

    it('wrong image', async () => {
      const outcome = await attempt('publish-port', ['docker run -d --name web -p 12345:80 busybox httpd -f -p 80'], 1);
      expect(result(outcome, 'running')).toMatchObject({
        passed: false,
        observed: "this attempt's containers: web (busybox, running)",
      });
    });

    it('wrong restart policy', async () => {
      const outcome = await attempt('restart-policy', ['docker run -d --name always-up --restart always nginx'], 1);
      expect(result(outcome, 'policy')).toMatchObject({
        passed: false,
        expected: 'container always-up: restart policy unless-stopped',
        observed: 'always-up: restart policy always',
      });
    });

    it('page mounted at the wrong path', async () => {
      const outcome = await attempt('bind-mount-page', [
        'mkdir -p site && echo "Hello from my bind mount" > site/index.html',
        'docker run -d -p 8080:80 -v "$PWD/site:/usr/share/nginx:ro" nginx',
      ], 1);
      expect(result(outcome, 'mounted')?.expected).toBe('a container from image nginx: a bind mount at /usr/share/nginx/html');
      expect(result(outcome, 'mounted')?.observed).toMatch(/: bind \/\S+\/site → \/usr\/share\/nginx \(read-only\)$/);
    });

    it('a container the learner had before the attempt does not count', async () => {
      runCommands(['docker run -d --name deckhand-test-old -p 12345:80 nginx']);
      try {
        const outcome = await attempt('publish-port', [], 1);
        expect(result(outcome, 'running')?.observed).toBe('no containers in this attempt');
        await service.end(null, 'publish-port');
        live = undefined;
        runCommands(['docker inspect deckhand-test-old']);
      } finally {
        runCommands(['docker rm -f deckhand-test-old']);
      }
    });
  });
});
