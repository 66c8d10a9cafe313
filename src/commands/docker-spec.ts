import { flag, type FlagSpec, literal, type ProgramSpec, type SubcommandSpec, value } from './flag-spec.js';

/**
 * The docker CLI subset learners type: the flags of the common subcommands and the
 * `docker container …` / `docker image …` management forms that mean the same as the short ones.
 */

/** "8080:80/tcp" and "0.0.0.0:8080:80" publish the same thing as "8080:80". */
export function normalizePublish(spec: string): string {
  return spec.replace(/\/tcp$/i, '').replace(/^0\.0\.0\.0:/, '');
}

/** "nginx", "nginx:latest" and "docker.io/library/nginx:latest" name the same image. */
export function normalizeImage(ref: string): string {
  let image = ref.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  image = image.replace(/^library\//, '');
  if (!image.includes('@')) image = image.replace(/:latest$/, '');
  return image;
}

const RUN_FLAGS: FlagSpec[] = [
  flag('detach', 'd'), flag('interactive', 'i'), flag('tty', 't'), flag('rm'), flag('publish-all', 'P'),
  flag('privileged'), flag('init'), flag('read-only'),
  value('publish', 'p', { normalize: normalizePublish, fixedTail: true }), value('volume', 'v', { fixedTail: true }), value('mount'), value('env', 'e'),
  value('env-file'), value('name'), value('network', undefined, { aliases: ['net'] }), literal('ipc'), literal('pid'),
  literal('uts'), literal('userns'), literal('restart'), value('workdir', 'w'), value('user', 'u'), value('entrypoint'),
  value('hostname', 'h'), value('label', 'l'), value('memory', 'm'), value('cpus'), literal('platform'),
  value('expose'), value('add-host'), value('dns'), value('cap-add'), value('cap-drop'), value('health-cmd'),
  literal('pull'), literal('attach', 'a'), value('network-alias'), value('tmpfs'), value('device'), literal('log-driver'),
  literal('stop-signal'), value('ulimit'), value('gpus'), value('cidfile'),
];

const STOP_FLAGS = [value('time', 't', { aliases: ['timeout'] }), value('signal', 's')];

const SUBCOMMANDS: Record<string, SubcommandSpec> = {
  run: { flags: RUN_FLAGS, positionalsBeforeRest: 1, positionalNames: ['image'] },
  create: { flags: RUN_FLAGS, positionalsBeforeRest: 1, positionalNames: ['image'] },
  exec: {
    flags: [flag('detach', 'd'), flag('interactive', 'i'), flag('tty', 't'), flag('privileged'), value('env', 'e'),
      value('env-file'), value('user', 'u'), value('workdir', 'w')],
    positionalsBeforeRest: 1,
    positionalNames: ['container'],
  },
  ps: { flags: [flag('all', 'a'), flag('quiet', 'q'), flag('latest', 'l'), flag('size', 's'), flag('no-trunc'),
    literal('filter', 'f'), literal('format'), value('last', 'n')] },
  images: { flags: [flag('all', 'a'), flag('quiet', 'q'), flag('digests'), flag('no-trunc'), literal('filter', 'f'), literal('format')] },
  build: { flags: [flag('no-cache'), flag('pull'), flag('quiet', 'q'), value('tag', 't'), value('file', 'f'),
    value('build-arg'), value('target'), literal('platform'), literal('progress'), value('network'), value('label')] },
  rm: { flags: [flag('force', 'f'), flag('volumes', 'v'), flag('link', 'l')] },
  rmi: { flags: [flag('force', 'f'), flag('no-prune')] },
  logs: { flags: [flag('follow', 'f'), flag('timestamps', 't'), flag('details'), value('tail', 'n'), value('since'), value('until')] },
  save: { flags: [value('output', 'o')] },
  load: { flags: [value('input', 'i'), flag('quiet', 'q')] },
  stop: { flags: STOP_FLAGS },
  restart: { flags: STOP_FLAGS },
  start: { flags: [flag('attach', 'a'), flag('interactive', 'i')] },
  kill: { flags: [value('signal', 's')] },
  pull: { flags: [flag('all-tags', 'a'), flag('quiet', 'q'), literal('platform')], positionalNames: ['image'] },
  push: { flags: [flag('all-tags', 'a'), flag('quiet', 'q')], positionalNames: ['image'] },
  tag: { flags: [], positionalNames: ['source image', 'target image'] },
  inspect: { flags: [flag('size', 's'), literal('format', 'f'), literal('type')] },
  history: { flags: [flag('human', 'H'), flag('no-trunc'), flag('quiet', 'q'), literal('format')] },
  port: { flags: [] },
  top: { flags: [] },
  stats: { flags: [flag('all', 'a'), flag('no-stream'), flag('no-trunc'), literal('format')] },
  cp: { flags: [flag('archive', 'a'), flag('follow-link', 'L')] },
  attach: { flags: [flag('no-stdin'), value('sig-proxy'), value('detach-keys')] },
  commit: { flags: [value('author', 'a'), value('change', 'c'), value('message', 'm'), flag('pause', 'p')] },
  'system prune': { flags: [flag('all', 'a'), flag('force', 'f'), flag('volumes'), literal('filter')] },
  'system df': { flags: [flag('verbose', 'v'), literal('format')] },
  'image prune': { flags: [flag('all', 'a'), flag('force', 'f'), literal('filter')] },
  'container prune': { flags: [flag('force', 'f'), literal('filter')] },
  'volume create': { flags: [literal('driver', 'd'), value('name'), value('opt', 'o'), value('label')] },
  'volume ls': { flags: [flag('quiet', 'q'), literal('filter', 'f'), literal('format')] },
  'volume rm': { flags: [flag('force', 'f')] },
  'volume inspect': { flags: [literal('format', 'f')] },
  'volume prune': { flags: [flag('all', 'a'), flag('force', 'f'), literal('filter')] },
  'network create': { flags: [literal('driver', 'd'), value('subnet'), value('gateway'), flag('internal'), flag('attachable'), value('label')] },
  'network ls': { flags: [flag('quiet', 'q'), flag('no-trunc'), literal('filter', 'f'), literal('format')] },
  'network rm': { flags: [flag('force', 'f')] },
  'network inspect': { flags: [literal('format', 'f'), flag('verbose', 'v')] },
  'network connect': { flags: [value('alias'), value('ip')] },
  'network disconnect': { flags: [flag('force', 'f')] },
  'manifest inspect': { flags: [flag('verbose', 'v'), flag('insecure')] },
  'buildx create': { flags: [value('name'), value('driver'), flag('use'), flag('bootstrap'), literal('platform')] },
  'buildx build': { flags: [flag('push'), flag('load'), flag('no-cache'), value('tag', 't'), value('file', 'f'),
    literal('platform'), value('output', 'o'), value('build-arg'), value('target')] },
  'buildx use': { flags: [] },
  'buildx ls': { flags: [] },
  'context ls': { flags: [] },
  'context use': { flags: [] },
  version: { flags: [literal('format', 'f')] },
  info: { flags: [literal('format', 'f')] },
  login: { flags: [value('username', 'u'), value('password', 'p'), flag('password-stdin')] },
};

/** `docker container run` is `docker run`, `docker image ls` is `docker images`, and so on. */
const ALIASES: Record<string, string> = {
  'container run': 'run', 'container create': 'create', 'container exec': 'exec', 'container ls': 'ps',
  'container list': 'ps', 'container ps': 'ps', 'container rm': 'rm', 'container remove': 'rm',
  'container logs': 'logs', 'container stop': 'stop', 'container start': 'start', 'container restart': 'restart',
  'container kill': 'kill', 'container inspect': 'inspect', 'container port': 'port', 'container top': 'top',
  'container stats': 'stats', 'container cp': 'cp', 'container attach': 'attach', 'container commit': 'commit',
  'image ls': 'images', 'image list': 'images', 'image pull': 'pull', 'image push': 'push', 'image build': 'build',
  'image tag': 'tag', 'image save': 'save', 'image load': 'load', 'image rm': 'rmi', 'image remove': 'rmi',
  'image inspect': 'inspect', 'image history': 'history', builder: 'build', 'builder build': 'build',
  'volume list': 'volume ls', 'network list': 'network ls', 'buildx b': 'buildx build',
};

/** The docker table used by the parser. */
export const DOCKER: ProgramSpec = {
  globalFlags: [value('host', 'H'), value('context', 'c'), flag('debug', 'D'), value('log-level', 'l'), value('config')],
  subcommands: SUBCOMMANDS,
  aliases: ALIASES,
  normalizePositional: (positional, index, path) => {
    const imageFirst = ['run', 'create', 'pull', 'push', 'rmi', 'save', 'history', 'manifest inspect', 'tag'];
    return imageFirst.includes(path) && (index === 0 || path === 'tag' || path === 'rmi' || path === 'save')
      ? normalizeImage(positional)
      : positional;
  },
};
