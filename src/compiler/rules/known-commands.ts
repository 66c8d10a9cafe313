import { parseCommand } from '../../commands/parse-command.js';

/**
 * What the everyday docker, kubectl, compose and minikube commands do, in our own words, keyed by
 * their parsed meaning. Notes that are a log of commands with no sentence about them (a course
 * transcript, a cheat sheet) still hold facts worth asking — "Which command lists the pods?" —
 * and the command's meaning comes from the same parser that grades the answer.
 */

interface KnownCommand {
  program: string;
  path: string;
  /** First positional for kubectl resource verbs, canonical (`pods`, `services`). */
  resource?: string;
  /** Flags (canonical long names) that must be present; `name=value` also fixes the value. */
  flags?: string[];
  does: string;
}

const K = (path: string, does: string, resource?: string, flags?: string[]): KnownCommand => ({
  program: 'kubectl', path, does, ...(resource ? { resource } : {}), ...(flags ? { flags } : {}),
});
const D = (path: string, does: string, flags?: string[]): KnownCommand => ({ program: 'docker', path, does, ...(flags ? { flags } : {}) });

const KNOWN: KnownCommand[] = [
  D('ps', 'lists the running containers'),
  D('ps', 'lists all containers, stopped ones too', ['all']),
  D('ps', 'prints only the ids of the running containers', ['quiet']),
  D('images', 'lists the images stored locally'),
  D('build', 'builds an image from the Dockerfile in a folder and tags it', ['tag']),
  D('pull', 'downloads an image from a registry'),
  D('push', 'uploads an image to a registry'),
  D('logs', 'shows the output of a container'),
  D('logs', 'follows the output of a container as it is written', ['follow']),
  D('stop', 'stops a running container'),
  D('start', 'starts a stopped container'),
  D('rm', 'removes a stopped container'),
  D('rmi', 'removes an image'),
  D('history', 'shows the layers an image was built from'),
  D('version', 'shows the version of the Docker client and engine'),
  D('info', 'shows system-wide information about the Docker installation'),
  D('system df', "shows Docker's disk usage by images, containers and volumes"),
  D('system prune', 'removes stopped containers, unused networks, dangling images and build cache'),
  D('system info', 'shows system-wide information about the Docker installation'),
  D('volume ls', 'lists the volumes'),
  D('network ls', 'lists the networks'),
  D('login', 'signs in to a registry'),
  K('get', 'lists the pods', 'pods'),
  K('get', 'lists the pods with extra columns such as their IP and node', 'pods', ['output=wide']),
  K('get', 'lists the pods with their labels', 'pods', ['show-labels']),
  K('get', 'lists the services', 'services'),
  K('get', 'lists the deployments', 'deployments'),
  K('get', 'lists the replica sets', 'replicasets'),
  K('get', 'lists the nodes of the cluster', 'nodes'),
  K('get', 'lists the nodes with their labels', 'nodes', ['show-labels']),
  K('get', 'lists the namespaces', 'namespaces'),
  K('get', 'lists the persistent volumes', 'persistentvolumes'),
  K('get', 'lists the persistent volume claims', 'persistentvolumeclaims'),
  K('get', 'lists the secrets', 'secrets'),
  K('get', 'lists the config maps', 'configmaps'),
  K('get', 'lists the storage classes of the cluster', 'storageclass'),
  K('get', 'lists the storage classes of the cluster', 'storageclasses'),
  K('get', 'lists the endpoints of the services', 'endpoints'),
  K('get', 'lists the jobs', 'jobs'),
  K('get', 'lists the cron jobs', 'cronjobs'),
  K('get', 'lists the ingresses', 'ingresses'),
  K('get', 'lists the events of the namespace', 'events'),
  K('describe', 'shows the details and recent events of a pod', 'pods'),
  K('describe', 'shows the details of a node', 'nodes'),
  K('describe', 'shows the details of the storage classes', 'storageclass'),
  K('describe', 'shows the details of a deployment', 'deployments'),
  K('describe', 'shows the details of a service', 'services'),
  K('apply', 'creates or updates the objects described in a config file', undefined, ['filename']),
  K('create', 'creates the objects described in a config file', undefined, ['filename']),
  K('delete', 'deletes the objects described in a config file', undefined, ['filename']),
  K('logs', 'shows the logs of a pod'),
  K('set image', "changes the image of a deployment's container"),
  K('rollout status', 'follows the progress of a rollout'),
  K('rollout history', 'shows the revisions of a rollout'),
  K('rollout undo', 'rolls a deployment back to its previous revision'),
  K('cluster-info', 'shows the addresses of the control plane and cluster services'),
  K('create secret generic', 'creates a secret from literal values or files'),
  K('config get-contexts', 'lists the contexts of the kubeconfig'),
  K('config use-context', 'switches kubectl to another context'),
  K('top', 'shows the CPU and memory use of the pods', 'pods'),
  K('top', 'shows the CPU and memory use of the nodes', 'nodes'),
];

// Text patterns for programs the parser does not model.
const KNOWN_TEXT: { pattern: RegExp; does: string }[] = [
  { pattern: /^docker[- ]compose up --build$/, does: 'rebuilds the images and starts the services of a compose file' },
  { pattern: /^docker[- ]compose up$/, does: 'starts the services of a compose file' },
  { pattern: /^docker[- ]compose up -d$/, does: 'starts the services of a compose file in the background' },
  { pattern: /^docker[- ]compose down$/, does: 'stops and removes the containers and networks of a compose file' },
  { pattern: /^docker[- ]compose ps$/, does: 'lists the containers of a compose project' },
  { pattern: /^minikube start$/, does: 'starts a local Kubernetes cluster with minikube' },
  { pattern: /^minikube stop$/, does: 'stops the local minikube cluster' },
  { pattern: /^minikube delete$/, does: 'deletes the local minikube cluster' },
  { pattern: /^minikube ip$/, does: 'prints the IP address of the minikube cluster' },
  { pattern: /^minikube service \S+ --url$/, does: 'prints the URL at which minikube exposes a service' },
  { pattern: /^minikube docker-env$/, does: "shows the variables that point the Docker CLI at minikube's engine" },
  { pattern: /^eval \$\(minikube docker-env\)$/, does: "points this shell's Docker CLI at the engine inside minikube" },
  { pattern: /^minikube addons enable \S+$/, does: 'enables a minikube add-on' },
  { pattern: /^minikube dashboard$/, does: 'opens the Kubernetes dashboard of minikube' },
];

// Flags that say where or on what, not what the command does.
const INCIDENTAL = new Set(['namespace', 'filename', 'context', 'kubeconfig', 'container', 'record']);

/** What a command does, as a predicate for "Which command …?", when it is one of the known ones. */
export function knownCommand(command: string): string | undefined {
  const text = command.trim().replace(/\s+/g, ' ');
  const byText = KNOWN_TEXT.find((entry) => entry.pattern.test(text));
  if (byText) return byText.does;
  const parsed = parseCommand(text);
  if (!parsed) return undefined;
  const path = parsed.path.join(' ');
  const flags = [...parsed.flags.entries()].flatMap(([name, values]) => values.map((value) => ({ name, value })));
  let best: { entry: KnownCommand; score: number } | undefined;
  for (const entry of KNOWN) {
    if (entry.program !== parsed.program || entry.path !== path) continue;
    if (entry.resource !== undefined && parsed.positionals[0] !== entry.resource) continue;
    const wanted = entry.flags ?? [];
    const has = (spec: string): boolean => {
      const [name, value] = spec.split('=');
      return flags.some((flag) => flag.name === name && (value === undefined || flag.value === value));
    };
    if (!wanted.every(has)) continue;
    // Every other flag the command carries must be incidental, or the entry says too little.
    const extra = flags.filter((flag) => !wanted.some((spec) => spec.split('=')[0] === flag.name) && !INCIDENTAL.has(flag.name));
    if (extra.length > 0) continue;
    if (!best || wanted.length > best.score) best = { entry, score: wanted.length };
  }
  return best?.entry.does;
}
