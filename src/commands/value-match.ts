import { PLACEHOLDER } from './tokenize.js';

/**
 * Which values of an expected command a learner must type exactly. A note's command is one example
 * of the answer: "Which command removes a stopped container?" is answered by `docker rm db` as well
 * as by the note's `docker rm web`. So a name or value the prompt does not state, and a
 * `<placeholder>` anywhere, accepts any value of the same shape (a number for a port, a name for a
 * name); what the prompt does state, and vocabulary (`host`, `always`, `NodePort`), must match.
 * Without a prompt every value must match, except placeholders.
 */

/** What a question's prompt states, as far as values go. */
export interface PromptFacts {
  /** Whether the prompt mentions this value (or this part of a value such as `8080` of `8080:80`). */
  states(text: string): boolean;
}

/** How one expected value is matched. */
export interface ValueMatcher {
  /** Whether only the value itself matches. */
  exact: boolean;
  matches(given: string): boolean;
  /** The expected value for messages: `web`, or "any name such as web" when any name would do. */
  describe: string;
}

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  ten: '10', eleven: '11', twelve: '12', twenty: '20', hundred: '100',
};

/**
 * Values that are part of the CLI's language rather than names the learner picks: network modes,
 * restart policies, Service types, output formats, mount keys. They always have to match, and a
 * name cannot be answered with one of them (`--network host` is not "some network").
 */
const KEYWORDS = new Set([
  'host', 'none', 'bridge', 'overlay', 'macvlan', 'ipvlan', 'default', 'container', 'private', 'shareable',
  'always', 'no', 'never', 'on-failure', 'unless-stopped', 'onfailure', 'ifnotpresent', 'missing',
  'nodeport', 'clusterip', 'loadbalancer', 'externalname', 'wide', 'yaml', 'json', 'name', 'jsonpath',
  'custom-columns', 'go-template', 'client', 'server', 'tcp', 'udp', 'sctp', 'true', 'false', 'all',
  'type', 'source', 'src', 'target', 'dst', 'destination', 'volume', 'bind', 'tmpfs', 'readonly', 'ro', 'rw',
  'local', 'json-file', 'syslog', 'journald', 'stdin', 'stdout', 'stderr', 'sha256',
  'kube-system', 'kube-public', 'kube-node-lease',
]);

/**
 * Placeholders written in capitals, the way `docker --help` does (`docker rm CONTAINER`,
 * `HOST_PORT:CONTAINER_PORT`): the last `_` part has to be one of these nouns. PATH counts only
 * in a compound (`SRC_PATH`), since `-e PATH=…` is a real variable.
 */
const CAPITAL_PLACEHOLDERS = new Set([
  'IMAGE', 'CONTAINER', 'NAME', 'ID', 'PORT', 'TAG', 'PATH', 'FILE', 'DIR', 'POD', 'DEPLOYMENT', 'NAMESPACE',
  'NODE', 'VOLUME', 'NETWORK', 'SERVICE', 'COMMAND', 'REPLICAS', 'NUMBER', 'COUNT', 'KEY', 'VALUE', 'URL',
]);

const NUMBER = '\\d+';
// A name may be a relative file name (`web.yaml`, `./k8s/app.yml`); when it is the whole value it
// may also carry a tag (`httpd:2.4` for an image). No `:` inside a part keeps matching linear.
const NAME = '(?:\\./)?[\\p{L}\\p{N}_][\\p{L}\\p{N}_./-]*';
const WHOLE_NAME = '(?:\\./)?[\\p{L}\\p{N}_][\\p{L}\\p{N}_.:@/-]*';
const RELATIVE_PATH = '(?:\\.{1,2}|~)/[^\\s:=,@]*';
// Any word that is not a flag, for a placeholder that is the whole value (`<image>` takes
// `busybox:1.36`); a placeholder in a part of a value is matched by anyPart().
const ANYTHING = '[^\\s-]\\S*';

/** Reads what a prompt states; undefined when there is no prompt, so every value must match. */
export function promptFacts(prompt: string | undefined): PromptFacts | undefined {
  if (prompt === undefined || prompt.trim() === '') return undefined;
  const lower = prompt.toLowerCase();
  const words = new Set<string>();
  for (const raw of lower.split(/[^\p{L}\p{N}_./~@-]+/u)) {
    const word = raw.replace(/^[.-]+|[.-]+$/g, '');
    if (!word) continue;
    words.add(word);
    const digits = NUMBER_WORDS[word];
    if (digits) words.add(digits);
  }
  return {
    states: (text) => {
      const value = text.toLowerCase();
      return words.has(value) || (/[^\p{L}\p{N}]/u.test(value) && lower.includes(value));
    },
  };
}

/** Whether a word is a placeholder (`<image-name>`, `IMAGE`, `HOST_PORT`) rather than a value. */
export function isPlaceholder(word: string): boolean {
  return new RegExp(`^${PLACEHOLDER.source}$`).test(word) || isCapitalPlaceholder(word);
}

/** What a flag's table says about its values. */
export interface ValueRules {
  /** The value is vocabulary (an output format, a Service type): it matches exactly, placeholders aside. */
  literal?: boolean;
  /** The last `:` part is a fact about the image (the container port of `8080:80`): it must match. */
  fixedTail?: boolean;
}

/** How `expected` is matched, with `facts` from the prompt (undefined: every value is fixed). */
export function valueMatcher(expected: string, facts: PromptFacts | undefined, rules: ValueRules = {}): ValueMatcher {
  // Separators split a value into parts that are stated, or not, on their own: in `8080:80` the
  // prompt may give the host port and leave the container port to the learner.
  const segments = expected.split(/([:=,@])/);
  let pattern = '';
  const freeGroups: number[] = [];
  const freeParts: string[] = [];
  let groups = 0;
  segments.forEach((segment, index) => {
    const isSeparator = index % 2 === 1;
    if (isSeparator) {
      pattern += escape(segment);
    } else if (isCapitalPlaceholder(segment)) {
      pattern += `(${placeholderPattern(segment, segments.length === 1 ? ANYTHING : anyPart(''))})`;
      groups++;
    } else if (PLACEHOLDER.test(segment)) {
      pattern += withPlaceholders(segment, segments.length === 1, () => groups++);
    } else if (facts && !rules.literal && !(rules.fixedTail && index === segments.length - 1) && isFree(segment, facts)) {
      pattern += `(${segments.length === 1 && shapeOf(segment) === NAME ? WHOLE_NAME : shapeOf(segment)})`;
      freeGroups.push(++groups);
      freeParts.push(segment);
    } else {
      pattern += escape(segment);
    }
  });
  const regex = new RegExp(`^${pattern}$`, 'u');
  const exact = groups === 0;
  return {
    exact,
    matches: (given) => {
      if (given === expected || exact) return given === expected;
      const match = regex.exec(given);
      // A part any name would do still cannot be answered with vocabulary (`host`, `always`).
      return match !== null && freeGroups.every((group) => !KEYWORDS.has((match[group] ?? '').toLowerCase()));
    },
    describe: describe(expected, freeParts),
  };
}

function isFree(part: string, facts: PromptFacts): boolean {
  if (!/[\p{L}\p{N}]/u.test(part) || KEYWORDS.has(part.toLowerCase()) || shapeOf(part) === '') return false;
  // `registry.k8s.io/pause` is stated by "the pause container".
  return !facts.states(part) && !part.split('/').some((piece) => /[\p{L}\p{N}]/u.test(piece) && facts.states(piece));
}

/**
 * The pattern for "any value like this one", or '' when the value has no shape a learner could
 * vary. An absolute path is a fact about the image (nginx serves /usr/share/nginx/html), not a
 * name the learner picks, so only relative paths vary.
 */
function shapeOf(part: string): string {
  if (/^\d+$/.test(part)) return NUMBER;
  if (/^(?:\.{1,2}|~)\//.test(part)) return RELATIVE_PATH;
  return new RegExp(`^${NAME}$`, 'u').test(part) ? NAME : '';
}

// "web", "any name such as web", "12345:80 (any value in place of 12345)".
function describe(expected: string, freeParts: string[]): string {
  if (freeParts.length === 0) return expected;
  if (freeParts.length > 1 || freeParts[0] !== expected) return `${expected} (any value in place of ${freeParts.join(', ')})`;
  if (/^\d+$/.test(expected)) return `any number such as ${expected}`;
  return /^(?:\.{1,2}|~)\//.test(expected) ? `any path such as ${expected}` : `any name such as ${expected}`;
}

function withPlaceholders(segment: string, whole: boolean, onSlot: () => unknown): string {
  let pattern = '';
  let last = 0;
  for (const match of segment.matchAll(new RegExp(PLACEHOLDER.source, 'g'))) {
    const end = match.index + match[0].length;
    const any = whole && match[0] === segment ? ANYTHING : anyPart(segment.charAt(end));
    pattern += `${escape(segment.slice(last, match.index))}(${placeholderPattern(match[1] ?? '', any)})`;
    last = end;
    onSlot();
  }
  return pattern + escape(segment.slice(last));
}

// A port, a count or a size is a number; anything else accepts `any`.
function placeholderPattern(name: string, any: string): string {
  return /port|replica|count|number|\bnum\b|size|seconds|timeout|\buid\b|\bgid\b/i.test(name) ? NUMBER : any;
}

// Part of a value, up to a separator or the literal character that follows the placeholder
// (`<name>-data`), so that a value with several placeholders is matched in linear time.
function anyPart(next: string): string {
  const stop = `\\s:=,@${next.replace(/[\]\\^-]/g, '\\$&')}`;
  return `[^${stop}\\-][^${stop}]*`;
}

function isCapitalPlaceholder(word: string): boolean {
  if (!/^[A-Z][A-Z_]*[A-Z]$/.test(word) || word === 'PATH') return false;
  return CAPITAL_PLACEHOLDERS.has(word.split('_').pop() ?? '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
