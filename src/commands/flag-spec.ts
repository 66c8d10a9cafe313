/**
 * The shape of a command table: which subcommands exist, their aliases, and which flags take a
 * value. Only flags that take a value need to be known for correct parsing; booleans are listed
 * so that short and long spellings compare equal.
 */

/** One flag: its canonical long name, short letter, and whether it takes a value. */
export interface FlagSpec {
  long: string;
  short?: string;
  takesValue: boolean;
  /** Other long names for the same flag, e.g. docker's --net for --network. */
  aliases?: string[];
  /** Turns a value into a canonical form, e.g. "8080:80/tcp" → "8080:80". */
  normalize?: (value: string) => string;
  /**
   * The value is vocabulary (an output format, a restart policy, a Service type), never a name the
   * learner picks, so it has to match even when the question's prompt does not state it.
   */
  literal?: boolean;
  /**
   * The value's last `:` part is a fact about the image rather than the learner's choice: the
   * container port of `-p 8080:80` (nothing listens on another one), the path of `-v data:/srv`.
   */
  fixedTail?: boolean;
}

/** A subcommand's flags and how many positionals come before "the rest is the container's". */
export interface SubcommandSpec {
  flags: FlagSpec[];
  /**
   * After this many positionals, every further word belongs to the program being run (the image's
   * command for `docker run`), so flags there are not parsed. Undefined means flags anywhere.
   */
  positionalsBeforeRest?: number;
  /** Names shown in differences for the first positionals, e.g. ['image'] for `docker run`. */
  positionalNames?: string[];
}

/** A program's table: global flags, subcommands by canonical path, and path aliases. */
export interface ProgramSpec {
  globalFlags: FlagSpec[];
  subcommands: Record<string, SubcommandSpec>;
  /** Alternative paths, e.g. "container run" → "run". */
  aliases: Record<string, string>;
  /** Splits combined positionals, e.g. kubectl's `pod/web` into `pod web`. */
  expandPositionals?: (positionals: string[], path: string) => string[];
  /** Canonical form of a positional, e.g. resource names `po` → `pods` for kubectl. */
  normalizePositional?: (value: string, index: number, path: string) => string;
  /** Positionals that are vocabulary rather than names, e.g. kubectl's resource type in `get pods`. */
  keywordPositional?: (index: number, path: string) => boolean;
}

/** Shorthand for building a flag table: `flag('detach', 'd')`, `value('publish', 'p')`. */
export function flag(long: string, short?: string): FlagSpec {
  return short ? { long, short, takesValue: false } : { long, takesValue: false };
}

/** A flag that takes a value. */
export function value(long: string, short?: string, extra: Partial<FlagSpec> = {}): FlagSpec {
  return { ...(short ? { long, short } : { long }), takesValue: true, ...extra };
}

/** A flag whose value is vocabulary: `literal('output', 'o')`. */
export function literal(long: string, short?: string, extra: Partial<FlagSpec> = {}): FlagSpec {
  return value(long, short, { ...extra, literal: true });
}
