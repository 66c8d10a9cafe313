/**
 * What the grader reads: the parts of Docker's inspect JSON that checks look at, plus the outcome
 * of live probes (exec, HTTP). These are structural subsets of the engine's answers, so a
 * dockerode inspect result and a recorded fixture both fit, and the evaluator stays pure.
 */

export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

export type PortMap = Record<string, PortBinding[] | null | undefined>;

export interface MountFacts {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination: string;
  RW?: boolean;
}

/** The inspect result of one container. */
export interface ContainerFacts {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  State: { Status: string; Running: boolean; ExitCode: number };
  Config: {
    Image: string;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | string | null;
    WorkingDir?: string;
    User?: string;
    Labels?: Record<string, string> | null;
    OpenStdin?: boolean;
    Tty?: boolean;
  };
  HostConfig: {
    PortBindings?: PortMap | null;
    PublishAllPorts?: boolean;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    NetworkMode?: string;
    PidMode?: string;
    IpcMode?: string;
    Memory?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    AutoRemove?: boolean;
  };
  Mounts?: MountFacts[] | null;
  NetworkSettings?: {
    Ports?: PortMap | null;
    Networks?: Record<string, { NetworkID?: string } | undefined> | null;
  };
}

/** The inspect result of one image, with its history (newest step first, as Docker gives it). */
export interface ImageFacts {
  Id: string;
  RepoTags?: string[] | null;
  Config?: {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | string | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, object> | null;
    Labels?: Record<string, string> | null;
  } | null;
  RootFS?: { Layers?: string[] | null } | null;
  history?: { CreatedBy?: string }[];
}

export interface VolumeFacts {
  Name: string;
  Driver: string;
  Labels?: Record<string, string> | null;
}

export interface NetworkFacts {
  Name: string;
  Id: string;
  Driver: string;
  Labels?: Record<string, string> | null;
}

/** A tag known to the engine: the image it names, and whether it appeared during the attempt. */
export interface TagFacts {
  imageId: string;
  isNew: boolean;
}

export type ExecOutcome =
  | { container: string; exitCode: number; output: string }
  | { error: string };

export type HttpOutcome = { url: string; status: number; body: string } | { url: string; error: string };

/** Everything one grading pass needs, gathered once; checks never call the engine themselves. */
export interface Snapshot {
  /** The attempt's containers: the setup's and the learner's. */
  containers: ContainerFacts[];
  /** Every container's id and name, so that `container:<name>` can be resolved to an id. */
  names: { id: string; name: string }[];
  /** Inspected images, by id. */
  images: Record<string, ImageFacts>;
  /** Every tag (`name:tag`, normalised) the engine holds. */
  tags: Record<string, TagFacts>;
  /** The attempt's volumes and networks. */
  volumes: VolumeFacts[];
  networks: NetworkFacts[];
  /** Live probe outcomes, by check id. */
  execs: Record<string, ExecOutcome>;
  http: Record<string, HttpOutcome>;
}

/** An empty snapshot: the base that tests build their recorded engine states on. */
export function emptySnapshot(): Snapshot {
  return { containers: [], names: [], images: {}, tags: {}, volumes: [], networks: [], execs: {}, http: {} };
}
