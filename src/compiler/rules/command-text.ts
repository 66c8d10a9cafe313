import { asPredicate } from '../phrasing.js';

/**
 * Recognising shell commands and the words around them. Only the first word is checked against
 * known programs, so prose that merely mentions "docker" is not mistaken for a command.
 */

const KNOWN_PROGRAMS = new Set([
  'docker', 'kubectl', 'etcdctl', 'crictl', 'ctr', 'nerdctl', 'podman', 'runc', 'minikube', 'kind',
  'kubeadm', 'helm', 'curl', 'systemctl', 'journalctl', 'ps', 'ls', 'cat', 'ip', 'nsenter',
  'unshare', 'chroot', 'export', 'echo',
]);

/** Languages whose code blocks are commands to type rather than files to write. */
const SHELL_LANGS = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'terminal']);

/** Whether text starts like a command line of a known program, with at least one argument. */
export function looksLikeCommand(text: string): boolean {
  const words = stripPrompt(text).replace(/^`|`$/g, '').trim().split(/\s+/);
  const first = words[0] ?? '';
  // `ETCDCTL_API=3 etcdctl …` — environment assignments may precede the program.
  const program = /^[A-Z_][A-Z0-9_]*=/.test(first) ? (words[1] ?? '') : first;
  return KNOWN_PROGRAMS.has(program) && words.length >= 2;
}

/** Drops a leading `$ ` shell prompt that authors often paste along with a command. */
export function stripPrompt(text: string): string {
  return text.replace(/^\s*\$\s+/, '');
}

/** Whether a code block's language marks it as shell input. */
export function isShellLang(lang: string | null): boolean {
  return SHELL_LANGS.has((lang ?? '').toLowerCase());
}

/** A readable name for a non-shell code block's language, e.g. "Dockerfile", "YAML manifest". */
export function languageName(lang: string | null): string {
  const lower = (lang ?? '').toLowerCase();
  if (lower === 'dockerfile' || lower === 'docker') return 'Dockerfile';
  if (lower === 'yaml' || lower === 'yml') return 'YAML manifest';
  if (lower === 'json') return 'JSON';
  return `${lang ?? 'code'} snippet`;
}

/** Result of reading the words that describe a command. */
export interface CommandDescription {
  predicate: string;
  /** The author called it an example ("e.g."), not exactly what the command does. */
  example: boolean;
  /** The description already is a question. */
  question?: string;
}

/**
 * Turns "Run MySQL inside the pause container's namespaces -", "you can X using the", "to delete
 * leftover images" into a predicate ("runs MySQL …") for "Which command …?". Returns undefined when
 * too little is left to ask about.
 */
export function describeCommand(raw: string): CommandDescription | undefined {
  let text = raw.trim();
  if (/\?\s*$/.test(text)) return { predicate: '', example: false, question: text };
  const example = /\b(?:e\.g\.?|for example|for instance|example)\s*[:.]?\s*$/i.test(text);
  text = text
    .replace(/[.\s]*\b(?:e\.g\.?|for example|for instance|example)\s*[:.]?\s*$/i, '')
    .replace(/[\s:\-–—>]+$/, '')
    .replace(/\s+(?:using|with|via|by running|by|run|use|the|command|is|:)+$/i, '')
    .replace(/\s+(?:using|with|via|by running|by|run|use|the)+$/i, '')
    .replace(/^(?:you|we)\s+(?:can|could|should)\s+/i, '')
    .replace(/^(?:use|run)\s+(?=to\s)/i, '')
    .replace(/^(?:in order\s+)?to\s+/i, '')
    .trim();
  if (text.split(/\s+/).length < 2) return undefined;
  return { predicate: asPredicate(text), example };
}
