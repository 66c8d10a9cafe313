/**
 * What the common Dockerfile instructions and Kubernetes manifest fields do, in our own words.
 * A code block in a note that uses one of them can then be asked about ("Which field of a
 * Deployment sets the number of pods?") although the note only shows the file: the file is the
 * note's evidence that the learner met the field, the wording is ours and is correct.
 */

/** Dockerfile instruction → what it does, as a predicate for "Which Dockerfile instruction …?". */
export const DOCKERFILE_FACTS: Record<string, string> = {
  FROM: 'sets the base image the build starts from',
  RUN: 'executes a command while the image is built, adding a layer',
  CMD: "sets the default command a container runs when none is given",
  ENTRYPOINT: 'sets the executable a container always runs, with CMD as its default arguments',
  WORKDIR: 'sets the working directory for the instructions that follow and for the container',
  COPY: 'copies files from the build context into the image',
  ADD: 'copies files into the image and can also unpack local archives or fetch URLs',
  EXPOSE: 'documents the port the container listens on (it publishes nothing)',
  ENV: 'sets an environment variable in the image and its containers',
  ARG: 'declares a build-time variable passed with --build-arg',
  VOLUME: 'declares a mount point whose data lives outside the container layer',
  USER: 'sets which account the following instructions and the container run as',
  LABEL: 'adds key-value metadata to the image',
  HEALTHCHECK: 'tells Docker how to test that the container still works',
};

/** A manifest field: the path suffix that identifies it, the object kinds it belongs to, and what it does. */
export interface FieldFact {
  /** Dotted path suffix, matched against the field's full path in the block. */
  path: string;
  /** The field's name as the learner would type it. */
  name: string;
  /** Object kinds the fact holds for; empty means any. */
  kinds: string[];
  does: string;
}

const WORKLOADS = ['Deployment', 'ReplicaSet', 'StatefulSet'];

export const MANIFEST_FACTS: FieldFact[] = [
  { path: 'spec.replicas', name: 'replicas', kinds: WORKLOADS, does: 'sets how many copies of the pod should run' },
  { path: 'spec.selector.matchLabels', name: 'selector', kinds: WORKLOADS, does: 'picks, by label, the pods the controller manages' },
  { path: 'spec.template', name: 'template', kinds: [...WORKLOADS, 'DaemonSet', 'Job'], does: 'describes the pods the controller creates' },
  { path: 'spec.strategy.rollingUpdate.maxSurge', name: 'maxSurge', kinds: ['Deployment'], does: 'limits how many extra pods may be created above the desired count during a rolling update' },
  { path: 'spec.strategy.rollingUpdate.maxUnavailable', name: 'maxUnavailable', kinds: ['Deployment'], does: 'limits how many pods may be unavailable during a rolling update' },
  { path: 'spec.type', name: 'type', kinds: ['Service'], does: 'chooses how the service is exposed (ClusterIP, NodePort, LoadBalancer, ExternalName)' },
  { path: 'spec.selector', name: 'selector', kinds: ['Service'], does: 'picks, by label, the pods that receive the traffic' },
  { path: 'ports.targetPort', name: 'targetPort', kinds: ['Service'], does: 'sets the port on the pods that traffic is forwarded to' },
  { path: 'ports.nodePort', name: 'nodePort', kinds: ['Service'], does: 'sets the port opened on every node for the service' },
  { path: 'containers.ports.containerPort', name: 'containerPort', kinds: [], does: 'declares the port the container listens on' },
  { path: 'spec.nodeName', name: 'nodeName', kinds: ['Pod'], does: 'places the pod on a named node, bypassing the scheduler' },
  { path: 'spec.nodeSelector', name: 'nodeSelector', kinds: [], does: 'limits scheduling to nodes that carry the given labels' },
  { path: 'spec.tolerations', name: 'tolerations', kinds: [], does: 'lets the pod be scheduled onto nodes with matching taints' },
  { path: 'affinity.nodeAffinity', name: 'nodeAffinity', kinds: [], does: 'expresses required or preferred rules about which nodes the pod may run on' },
  { path: 'containers.resources.requests', name: 'requests', kinds: [], does: 'reserves the CPU and memory the scheduler guarantees the container' },
  { path: 'containers.resources.limits', name: 'limits', kinds: [], does: 'caps the CPU and memory the container may use' },
  { path: 'containers.livenessProbe', name: 'livenessProbe', kinds: [], does: 'restarts the container when its check keeps failing' },
  { path: 'containers.readinessProbe', name: 'readinessProbe', kinds: [], does: 'keeps the pod out of the service endpoints until its check passes' },
  { path: 'spec.restartPolicy', name: 'restartPolicy', kinds: ['Pod'], does: "decides whether the pod's containers are restarted when they exit" },
  { path: 'securityContext.runAsUser', name: 'runAsUser', kinds: [], does: 'sets the user id the container processes run as' },
  { path: 'securityContext.fsGroup', name: 'fsGroup', kinds: [], does: 'sets the group that owns mounted volumes' },
  { path: 'valueFrom.configMapKeyRef', name: 'configMapKeyRef', kinds: [], does: "takes an environment variable's value from a key of a ConfigMap" },
  { path: 'valueFrom.secretKeyRef', name: 'secretKeyRef', kinds: [], does: "takes an environment variable's value from a key of a Secret" },
  { path: 'volumeMounts.mountPath', name: 'mountPath', kinds: [], does: 'sets where a volume appears inside the container' },
  { path: 'spec.storageClassName', name: 'storageClassName', kinds: ['PersistentVolume', 'PersistentVolumeClaim'], does: 'ties a volume claim to volumes of the same storage class' },
  { path: 'spec.accessModes', name: 'accessModes', kinds: ['PersistentVolume', 'PersistentVolumeClaim'], does: 'says how the volume may be mounted (ReadWriteOnce, ReadOnlyMany, ReadWriteMany)' },
  { path: 'spec.podSelector', name: 'podSelector', kinds: ['NetworkPolicy'], does: 'picks the pods the network policy applies to' },
  { path: 'spec.resources.requests', name: 'requests', kinds: ['PersistentVolumeClaim'], does: 'asks for the amount of storage the claim needs' },
  { path: 'spec.schedule', name: 'schedule', kinds: ['CronJob'], does: 'sets when the job runs, in cron syntax' },
  { path: 'emptyDir', name: 'emptyDir', kinds: [], does: "declares a scratch volume that lives as long as the pod" },
];
