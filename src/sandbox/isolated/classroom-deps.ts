import { IsolatedSandboxes } from './sandbox-pool.js';

/**
 * The classroom's sandboxes when the app was built with them (`deps.sandboxes`), else undefined
 * (host mode). A run-time check rather than a field read, so the web app can mount the classroom
 * routes before `AppDeps` names the field.
 */
export function classroomSandboxes(deps: object): IsolatedSandboxes | undefined {
  const value: unknown = 'sandboxes' in deps ? deps.sandboxes : undefined;
  return value instanceof IsolatedSandboxes ? value : undefined;
}
