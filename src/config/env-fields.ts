import { z } from 'zod';

/** A bad setting: the message names each variable and what is wrong with it. */
export class ConfigError extends Error {}

/** Parses environment variables with a schema; the first problems become one ConfigError. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>, heading: string): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`${heading}:\n  ${lines.join('\n  ')}`);
}

/** A whole number from an environment variable, with bounds named in the message. */
export const integer = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

/** A positive number (fractions allowed) from an environment variable. */
export const positive = (max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .positive({ error: 'must be more than 0' })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

/** An on/off switch: 1/0, true/false or yes/no. */
export const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { error: 'must be 1 or 0' })
  .transform((value) => ['1', 'true', 'yes'].includes(value));
