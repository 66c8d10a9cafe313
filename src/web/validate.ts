import type { z } from 'zod';
import { badRequest } from '../errors/app-error.js';

/**
 * Parses untrusted input (a form body, a query string, a JSON body) with a zod schema. The first
 * problem becomes a 400 whose message names the field: "quality: must be between 0 and 5".
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw badRequest(field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input'));
}
