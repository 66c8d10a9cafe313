import { z } from 'zod';

/**
 * The challenge format: one YAML file per challenge under `content/challenges/`. The schema is the
 * single definition of the format; the loader, the grader and the sandbox take their types from it.
 * Objects are strict so that a misspelt key ("publish" for "publishes") is an error with a line
 * number rather than a check that silently expects nothing.
 */

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** `80`, `"80"` or `"80/tcp"`; the grader normalises all three to `80/tcp`. */
const containerPort = z.union([z.number().int().min(1).max(65535), nonEmpty]);

/** A host port, or `any` when the check only needs the port to be published somewhere. */
const hostPort = z.union([z.number().int().min(1).max(65535), z.literal('any')]);

const labels = z.record(z.string(), z.string());

/** Picks containers by what they are. Without any field, every container of the attempt matches. */
export const ContainerSelectorSchema = z.strictObject({
  name: nonEmpty.optional(),
  image: nonEmpty.optional(),
  labels: labels.optional(),
});

export const MountExpectSchema = z.strictObject({
  target: nonEmpty,
  type: z.enum(['bind', 'volume', 'tmpfs']).optional(),
  /** A volume name, or for a bind mount the end of the host path (`site` matches `/home/me/site`). */
  source: nonEmpty.optional(),
  readOnly: z.boolean().optional(),
});

export const ContainerExpectSchema = ContainerSelectorSchema.extend({
  /** No container of the attempt matches the selector (after a prune or an `rm`). */
  absent: z.literal(true).optional(),
  state: z.enum(['running', 'exited', 'created', 'paused', 'restarting']).optional(),
  /** Container port → host port. IPv4 and IPv6 bindings of one port count once. */
  publishes: z.record(z.string(), hostPort).optional(),
  publishAll: z.boolean().optional(),
  mounts: z.array(MountExpectSchema).optional(),
  /** Variables the learner set; the image's own ENV is never counted as the learner's. */
  env: z.record(z.string(), z.string()).optional(),
  restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).optional(),
  /** `container:<name>` and `container:<id>` are the same; otherwise a mode or a network name. */
  network: nonEmpty.optional(),
  pid: nonEmpty.optional(),
  ipc: nonEmpty.optional(),
  workdir: nonEmpty.optional(),
  /** The command after the image name, as words (`[sleep, "300"]`) or as one line. */
  command: z.union([nonEmpty, z.array(z.string())]).optional(),
  user: nonEmpty.optional(),
  /** Docker's units: `64m`, `1g`, or bytes. */
  memory: z.union([z.number().int().positive(), nonEmpty]).optional(),
  cpus: z.number().positive().optional(),
  interactive: z.boolean().optional(),
  tty: z.boolean().optional(),
  autoRemove: z.boolean().optional(),
});

export const ImageExpectSchema = z.strictObject({
  /** `name:tag`; a missing tag means `latest`. */
  tag: nonEmpty,
  absent: z.literal(true).optional(),
  workdir: nonEmpty.optional(),
  cmd: z.union([nonEmpty, z.array(z.string())]).optional(),
  entrypoint: z.union([nonEmpty, z.array(z.string())]).optional(),
  env: z.record(z.string(), z.string()).optional(),
  exposes: z.array(containerPort).optional(),
  labels: labels.optional(),
  /** The image is built on this one: the base's layers are the first layers of the image. */
  from: nonEmpty.optional(),
  /** At least one RUN step sits in the history above the base image. */
  runStep: z.boolean().optional(),
  /** Some history step (a `created by` line) contains this text. */
  historyIncludes: nonEmpty.optional(),
});

export const VolumeExpectSchema = z.strictObject({
  name: nonEmpty,
  absent: z.literal(true).optional(),
  driver: nonEmpty.optional(),
  /** Containers (selectors) that must have this volume mounted. */
  usedBy: z.array(ContainerSelectorSchema).optional(),
  labels: labels.optional(),
});

export const NetworkExpectSchema = z.strictObject({
  name: nonEmpty,
  absent: z.literal(true).optional(),
  driver: nonEmpty.optional(),
  /** Containers (selectors) that must be attached to this network. */
  attached: z.array(ContainerSelectorSchema).optional(),
  labels: labels.optional(),
});

export const ExecExpectSchema = z.strictObject({
  in: ContainerSelectorSchema,
  command: z.array(z.string()).min(1),
  exitCode: z.number().int().optional(),
  /** Text the combined stdout and stderr must contain. */
  output: z.string().optional(),
});

/** The probed host port: a number, or the host port a container's port is published on. */
export const HttpPortSchema = z.union([
  z.number().int().min(1).max(65535),
  z.strictObject({ container: ContainerSelectorSchema, port: containerPort }),
]);

export const HttpExpectSchema = z.strictObject({
  port: HttpPortSchema,
  path: z.string().startsWith('/').default('/'),
  status: z.number().int().min(100).max(599).default(200),
  /** Text the response body must contain. */
  body: z.string().optional(),
});

/** Exactly one kind of expectation per check, which names the check type that grades it. */
export const ExpectSchema = z.union([
  z.strictObject({ container: ContainerExpectSchema }),
  z.strictObject({ image: ImageExpectSchema }),
  z.strictObject({ volume: VolumeExpectSchema }),
  z.strictObject({ network: NetworkExpectSchema }),
  z.strictObject({ exec: ExecExpectSchema }),
  z.strictObject({ http: HttpExpectSchema }),
]);

export const CheckSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case words joined by dashes'),
  describe: nonEmpty,
  expect: ExpectSchema,
  hint: nonEmpty.optional(),
});

/** A container Deckhand creates before the learner starts (labelled with the attempt). */
export const SetupContainerSchema = z.strictObject({
  name: nonEmpty,
  image: nonEmpty,
  command: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  labels: labels.optional(),
  /** Container port → host port. */
  ports: z.record(z.string(), z.number().int().min(1).max(65535)).optional(),
  ipc: nonEmpty.optional(),
  network: nonEmpty.optional(),
  volumes: z.array(nonEmpty).optional(),
  /** Created but left stopped (`created`), or started and then stopped (`exited`). */
  state: z.enum(['running', 'created', 'exited']).default('running'),
});

export const SetupSchema = z.strictObject({
  volumes: z.array(z.strictObject({ name: nonEmpty, labels: labels.optional() })).default([]),
  networks: z.array(z.strictObject({ name: nonEmpty, labels: labels.optional() })).default([]),
  /** Extra tags for existing images (`source` must be one of the challenge's images). */
  images: z.array(z.strictObject({ tag: nonEmpty, source: nonEmpty })).default([]),
  containers: z.array(SetupContainerSchema).default([]),
});

export const ChallengeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case words joined by dashes'),
  title: nonEmpty,
  topic: nonEmpty,
  /** Images the challenge needs locally; `npm run images` makes them. */
  images: z.array(nonEmpty).min(1),
  /** Markdown. */
  task: nonEmpty,
  /** Host ports the task needs; starting warns when one is already taken. */
  ports: z.array(z.number().int().min(1).max(65535)).default([]),
  setup: SetupSchema.optional(),
  checks: z.array(CheckSchema).min(1),
  /** General hints, handed out one at a time. */
  hints: z.array(nonEmpty).default([]),
  /** Reference solution: Docker CLI commands, each run with `sh -c` in a scratch directory. */
  solution: z.array(nonEmpty).min(1),
});

export type Challenge = z.infer<typeof ChallengeSchema>;
export type CheckExpect = z.infer<typeof ExpectSchema>;
export type ContainerSelector = z.infer<typeof ContainerSelectorSchema>;
export type ContainerExpect = z.infer<typeof ContainerExpectSchema>;
export type MountExpect = z.infer<typeof MountExpectSchema>;
export type ImageExpect = z.infer<typeof ImageExpectSchema>;
export type VolumeExpect = z.infer<typeof VolumeExpectSchema>;
export type NetworkExpect = z.infer<typeof NetworkExpectSchema>;
export type ExecExpect = z.infer<typeof ExecExpectSchema>;
export type HttpExpect = z.infer<typeof HttpExpectSchema>;
export type SetupContainer = z.infer<typeof SetupContainerSchema>;
