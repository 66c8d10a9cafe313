import { flag, type FlagSpec, literal, type ProgramSpec, type SubcommandSpec, value } from './flag-spec.js';

/**
 * The kubectl subset learners type. kubectl's flags mean the same thing in every subcommand that
 * accepts them, so one shared table serves all subcommands and flags may come before the verb
 * (`kubectl -n kube-system get pods`).
 */

const SHARED_FLAGS: FlagSpec[] = [
  value('namespace', 'n'), flag('all-namespaces', 'A'), value('context'), value('kubeconfig'), value('cluster'),
  value('user'), literal('output', 'o'), value('selector', 'l'), value('filename', 'f'), literal('dry-run'),
  flag('watch', 'w'), flag('show-labels'), value('container', 'c'), flag('stdin', 'i'), flag('tty', 't'),
  value('image'), value('replicas'), value('port'), value('target-port'), literal('type'), value('name'),
  literal('restart'), flag('force'), value('grace-period'), flag('all'), flag('recursive', 'R'), literal('sort-by'),
  literal('field-selector'), value('labels', 'L'), value('env'), value('command'), flag('rm'), value('expose'),
  value('to-revision'), value('tail'), flag('follow'), flag('previous', 'p'), value('since'), value('min'),
  value('max'), value('cpu-percent'), flag('ignore-daemonsets'), flag('delete-emptydir-data'), flag('overwrite'),
  literal('protocol'), value('node-port'), value('tcp'), flag('record'), flag('save-config'), value('timeout'),
  value('for'), value('from-literal'), value('from-file'), value('revision'), flag('no-headers'),
  value('server'), flag('validate'), value('field-manager'), flag('wait'),
];

const VERBS = [
  'get', 'describe', 'apply', 'delete', 'run', 'expose', 'scale', 'logs', 'exec', 'port-forward', 'edit', 'label',
  'annotate', 'cluster-info', 'explain', 'api-resources', 'api-versions', 'cordon', 'drain', 'uncordon', 'taint',
  'autoscale', 'attach', 'cp', 'version', 'replace', 'patch', 'wait', 'create',
  'create deployment', 'create service clusterip', 'create service nodeport', 'create service loadbalancer',
  'create service externalname', 'create namespace', 'create configmap', 'create secret generic', 'create job',
  'create cronjob', 'create role', 'create rolebinding', 'create serviceaccount',
  'rollout status', 'rollout history', 'rollout undo', 'rollout restart', 'rollout pause', 'rollout resume',
  'set image', 'set env', 'config view', 'config use-context', 'config get-contexts', 'config current-context',
  'config set-context', 'top node', 'top pod',
];

const SUBCOMMANDS: Record<string, SubcommandSpec> = Object.fromEntries(
  VERBS.map((verb) => [verb, { flags: SHARED_FLAGS }]),
);

const ALIASES: Record<string, string> = {
  'create deploy': 'create deployment', 'create ns': 'create namespace', 'create cm': 'create configmap',
  'create svc clusterip': 'create service clusterip', 'create svc nodeport': 'create service nodeport',
  'create sa': 'create serviceaccount', 'top nodes': 'top node', 'top no': 'top node', 'top pods': 'top pod',
  'top po': 'top pod',
};

/** Short and singular resource names mean the same as the plural. */
const RESOURCES: Record<string, string> = {
  po: 'pods', pod: 'pods', svc: 'services', service: 'services', deploy: 'deployments', deployment: 'deployments',
  ns: 'namespaces', namespace: 'namespaces', no: 'nodes', node: 'nodes', rs: 'replicasets', replicaset: 'replicasets',
  ds: 'daemonsets', daemonset: 'daemonsets', sts: 'statefulsets', statefulset: 'statefulsets', cm: 'configmaps',
  configmap: 'configmaps', ep: 'endpoints', secret: 'secrets', job: 'jobs', cj: 'cronjobs', cronjob: 'cronjobs',
  ing: 'ingresses', ingress: 'ingresses', pv: 'persistentvolumes', pvc: 'persistentvolumeclaims', sa: 'serviceaccounts',
  serviceaccount: 'serviceaccounts', ev: 'events', event: 'events', hpa: 'horizontalpodautoscalers',
};

// Verbs whose first positional names a resource type ("get po", "delete deploy/web").
const RESOURCE_VERBS = new Set([
  'get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'expose', 'autoscale', 'patch', 'wait',
  'rollout status', 'rollout history', 'rollout undo', 'rollout restart', 'rollout pause', 'rollout resume',
  'set image', 'set env', 'explain', 'cordon', 'uncordon', 'drain', 'taint',
]);

// Verbs that act on one pod, where `pod/web` and `web` are the same target.
const POD_VERBS = new Set(['logs', 'exec', 'port-forward', 'attach']);

/** The kubectl table used by the parser. */
export const KUBECTL: ProgramSpec = {
  globalFlags: SHARED_FLAGS,
  subcommands: SUBCOMMANDS,
  aliases: ALIASES,
  expandPositionals: (positionals, path) => {
    const first = positionals[0];
    if (POD_VERBS.has(path) && first) return [first.replace(/^(?:po|pod|pods)\//i, ''), ...positionals.slice(1)];
    if (!RESOURCE_VERBS.has(path) || !first?.includes('/')) return positionals;
    const [type = '', ...name] = first.split('/');
    return [type, name.join('/'), ...positionals.slice(1)];
  },
  keywordPositional: (index, path) => index === 0 && RESOURCE_VERBS.has(path),
  normalizePositional: (positional, index, path) => {
    if (index !== 0 || !RESOURCE_VERBS.has(path)) return positional;
    return positional
      .split(',')
      .map((type) => RESOURCES[type.toLowerCase()] ?? type.toLowerCase())
      .join(',');
  },
};
