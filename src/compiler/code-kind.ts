import { parseAllDocuments } from 'yaml';

/**
 * What a code block in a note holds. A block is only a command to recall when every line is one
 * (after the prompt an author pasted with it); pasted output, terminal transcripts, Dockerfiles,
 * Kubernetes manifests, compose files and program code are other things, and the card rules treat
 * them as such. Manifests and compose files are read with the `yaml` parser, not by eye.
 */

/** One command line of a shell block, with the `# comment` line right above it, if any. */
export interface BlockCommand {
  command: string;
  comment?: string;
  /** 0-based line offset inside the block. */
  offset: number;
}

/** A manifest field or Dockerfile instruction, with its line offset inside the block. */
export interface BlockItem {
  name: string;
  offset: number;
}

export type CodeContent =
  | { kind: 'commands'; commands: BlockCommand[] }
  /** Prompted commands with their output. */
  | { kind: 'transcript'; commands: BlockCommand[] }
  | { kind: 'output' }
  | { kind: 'dockerfile'; instructions: BlockItem[] }
  /** Kubernetes objects: `kind` of the first document and its field paths. */
  | { kind: 'manifest'; objectKind: string; fields: BlockItem[] }
  | { kind: 'compose'; fields: BlockItem[] }
  | { kind: 'code'; language: string };

/** Programs whose command lines learners write down in Docker and Kubernetes notes. */
const PROGRAMS = new Set([
  'docker', 'docker-compose', 'kubectl', 'etcdctl', 'crictl', 'ctr', 'nerdctl', 'podman', 'runc', 'minikube',
  'kind', 'kubeadm', 'kubelet', 'helm', 'kustomize', 'k3s', 'k3d', 'curl', 'wget', 'systemctl', 'journalctl',
  'service', 'ps', 'ls', 'cat', 'ip', 'nsenter', 'unshare', 'chroot', 'export', 'echo', 'yum', 'apt', 'apt-get',
  'dnf', 'apk', 'brew', 'snap', 'npm', 'npx', 'node', 'git', 'mkdir', 'cd', 'cp', 'mv', 'rm', 'touch', 'chmod',
  'chown', 'grep', 'sed', 'awk', 'tar', 'ssh', 'scp', 'top', 'htop', 'df', 'du', 'free', 'mount', 'umount',
  'lsns', 'ln', 'watch', 'alias', 'source', 'openssl', 'base64', 'jq', 'eksctl', 'gcloud', 'az', 'aws', 'vagrant',
  'iptables', 'netstat', 'ss', 'nslookup', 'dig', 'ping', 'telnet', 'nc', 'sudo', 'su', 'env', 'printenv', 'kill',
  'pkill', 'history', 'which', 'man', 'tee', 'head', 'tail', 'less', 'more', 'vi', 'vim', 'nano', 'pip', 'python',
  'python3', 'go', 'make', 'mvn', 'gradle', 'java', 'skaffold', 'stern', 'k9s', 'kubectx', 'kubens', 'istioctl',
  // The alias every CKA course sets up for kubectl.
  'k',
]);

const SHELL_LANGS = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'terminal', 'cmd', 'powershell', 'ps1', 'fish', 'text', 'txt', 'plaintext']);
const DOCKERFILE_LANGS = new Set(['dockerfile', 'docker', 'containerfile']);
const YAML_LANGS = new Set(['yaml', 'yml']);
const DOCKERFILE_INSTRUCTIONS = /^(FROM|RUN|CMD|ENTRYPOINT|WORKDIR|COPY|ADD|EXPOSE|ENV|ARG|VOLUME|USER|LABEL|HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL|MAINTAINER)\b/i;

// `$ `, `% `, `> `, `user@host:~$ `, `user@host %`, `[root@host dir]# `, `PS C:\> `.
const PROMPT = /^\s*(?:(?:[\w.-]+@[\w.-]+(?::[^\s$#%>]*)?\s*[$#%>])|(?:\[[^\]]+\][$#])|(?:PS [^>]*>)|[$%>❯➜]|#(?=\s+\S+\s))\s+/;

/** Drops a pasted shell prompt and `sudo` from the start of a command line. */
export function stripPromptAndSudo(line: string): { text: string; prompted: boolean } {
  const match = PROMPT.exec(line);
  const text = (match ? line.slice(match[0].length) : line).replace(/^\s*sudo\s+(?:-\S+\s+)*/, '').trim();
  return { text, prompted: Boolean(match) };
}

/** Whether one line reads as a command of a known program with at least one argument. */
export function isCommandLine(line: string): boolean {
  const words = line.trim().split(/\s+/);
  let i = 0;
  // `ETCDCTL_API=3 etcdctl …`: environment assignments may precede the program.
  while (i < words.length - 1 && /^[A-Za-z_][A-Za-z0-9_]*=\S*$/.test(words[i] ?? '')) i++;
  const program = words[i] ?? '';
  if (i > 0 && i === words.length - 1 && !PROGRAMS.has(program)) return false;
  return PROGRAMS.has(program) && (words.length - i >= 2 || ['ls', 'ps', 'top', 'history', 'env', 'printenv', 'free', 'df'].includes(program));
}

/** Whether a whole inline text (no newlines) is a command, prompt and `sudo` allowed. */
export function looksLikeCommandText(text: string): boolean {
  if (text.includes('\n')) return false;
  const { text: bare } = stripPromptAndSudo(text.replace(/^`|`$/g, ''));
  return isCommandLine(bare) && (bare.split(/\s+/).length >= 2);
}

/** Classifies a code block's contents. */
export function classifyCode(value: string, lang: string | null): CodeContent {
  const language = (lang ?? '').toLowerCase().split(/[\s{]/)[0] ?? '';
  const lines = value.split(/\r?\n/);
  const meaningful = lines.filter((line) => line.trim() && !/^\s*(?:#|\/\/)/.test(line));
  if (DOCKERFILE_LANGS.has(language) || (meaningful.length > 0 && /^\s*FROM\s+\S/i.test(meaningful[0] ?? '') && meaningful.every((l) => DOCKERFILE_INSTRUCTIONS.test(l.trim()) || /^\s/.test(l) || /\\$/.test(l)))) {
    return { kind: 'dockerfile', instructions: dockerfileInstructions(lines) };
  }
  if (YAML_LANGS.has(language) || looksLikeYamlDocument(meaningful)) {
    const yaml = readYaml(value, lines);
    if (yaml) return yaml;
    if (YAML_LANGS.has(language)) return { kind: 'code', language: 'YAML' };
  }
  if (!SHELL_LANGS.has(language)) return { kind: 'code', language: lang ?? 'code' };
  return readShell(lines);
}

function readShell(lines: string[]): CodeContent {
  const commands: BlockCommand[] = [];
  const prompted: BlockCommand[] = [];
  let output = 0;
  let comment: string | undefined;
  let continued: BlockCommand | undefined;
  lines.forEach((raw, offset) => {
    const line = raw.trim();
    if (continued) {
      continued.command += `\n${line}`;
      if (!/\\$/.test(line)) continued = undefined;
      return;
    }
    if (!line) {
      comment = undefined;
      return;
    }
    const stripped = stripPromptAndSudo(raw);
    const commentMatch = /^(?:#|\/\/)\s*(.*)$/.exec(line);
    if (commentMatch && !(stripped.prompted && isCommandLine(stripped.text))) {
      comment = commentMatch[1]?.trim() || undefined;
      return;
    }
    if (isCommandLine(stripped.text)) {
      const entry: BlockCommand = comment ? { command: stripped.text, comment, offset } : { command: stripped.text, offset };
      commands.push(entry);
      if (stripped.prompted) prompted.push(entry);
      if (/\\$/.test(stripped.text)) continued = entry;
    } else {
      output++;
    }
    comment = undefined;
  });
  if (commands.length === 0) return { kind: 'output' };
  if (output === 0) return { kind: 'commands', commands };
  return { kind: 'transcript', commands: prompted.length > 0 ? prompted : commands };
}

function dockerfileInstructions(lines: string[]): BlockItem[] {
  const items: BlockItem[] = [];
  lines.forEach((line, offset) => {
    const match = DOCKERFILE_INSTRUCTIONS.exec(line.trim());
    if (match?.[1]) items.push({ name: match[1].toUpperCase(), offset });
  });
  return items;
}

function looksLikeYamlDocument(meaningful: string[]): boolean {
  const first = meaningful[0] ?? '';
  return /^(?:apiVersion|kind|services|version|metadata|spec)\s*:/.test(first.trim()) && meaningful.length >= 2;
}

// Documents past this many aliases are refused by the parser: a note is no place for a YAML bomb.
const MAX_ALIASES = 50;

function readYaml(value: string, lines: string[]): CodeContent | undefined {
  let parsed: unknown;
  try {
    const docs = parseAllDocuments(value, { prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    const first = list[0];
    if (!first || first.errors.length > 0) return undefined;
    parsed = first.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const fields = fieldLines(lines);
  if (typeof record.kind === 'string') return { kind: 'manifest', objectKind: record.kind, fields };
  if ('services' in record) return { kind: 'compose', fields };
  // A fragment of a manifest ("spec:\n  containers: …") still teaches its fields.
  if ('spec' in record || 'containers' in record || 'metadata' in record) return { kind: 'manifest', objectKind: '', fields };
  return undefined;
}

// Field paths by line ("spec.template.spec.containers.image"), from indentation; list dashes
// count as indentation, as YAML reads them.
function fieldLines(lines: string[]): BlockItem[] {
  const stack: { indent: number; name: string }[] = [];
  const items: BlockItem[] = [];
  lines.forEach((line, offset) => {
    const match = /^(\s*)(?:-\s+)*([A-Za-z][\w.-]*)\s*:/.exec(line);
    if (!match?.[2]) return;
    const indent = (match[0].length - match[2].length - (match[0].endsWith(':') ? 1 : 0)) - (/:\s*$/.test(match[0]) ? 0 : 0);
    const depth = (match[1] ?? '').length + (line.slice((match[1] ?? '').length).match(/^(?:-\s+)*/)?.[0].length ?? 0);
    void indent;
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= depth) stack.pop();
    stack.push({ indent: depth, name: match[2] });
    items.push({ name: stack.map((entry) => entry.name).join('.'), offset });
  });
  return items;
}
