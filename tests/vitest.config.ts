import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

// Two projects: pure/unit and supertest files run in parallel; files that drive the real Docker
// engine or a real browser run one at a time, because they share host ports and the engine.
export default defineConfig({
  test: {
    root,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.docker.test.ts', 'tests/**/*.e2e.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          // Host-mode challenges treat whatever appears on the engine during an attempt as the
          // learner's, so nothing else may touch the engine meanwhile: one file at a time.
          name: 'engine',
          include: ['tests/**/*.docker.test.ts', 'tests/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
        },
      },
    ],
  },
});
