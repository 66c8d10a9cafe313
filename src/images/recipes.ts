/**
 * Every image the challenges and the classroom name, as data. Adding an image means adding an
 * entry here and, for a Dockerfile build, a folder under scripts/images/<context>/ — the build
 * code never mentions an image by name.
 */

/** Which `--only` group an image belongs to; the default run makes all groups. */
export type ImageGroup = 'challenges' | 'classroom';

/** Make a root filesystem with debootstrap and `docker import` it. */
export interface DebootstrapBuild {
  kind: 'debootstrap';
  suite: string;
  variant: 'minbase';
  mirror: string;
  /** Directories (relative to the rootfs) whose contents are deleted before import. */
  emptyDirs: string[];
  /** Files deleted before import: Docker bind-mounts its own at run time. */
  removeFiles: string[];
  /** Dockerfile instructions applied by `docker import --change`, e.g. the default CMD. */
  changes: string[];
}

/** `docker build` of scripts/images/<context>/Dockerfile. */
export interface DockerfileBuild {
  kind: 'dockerfile';
}

/** How an image is made when no registry hands it to us. */
export type RecipeBuild = DebootstrapBuild | DockerfileBuild;

/** One image: where it comes from, what it is called, what it needs first. */
export interface ImageRecipe {
  /** Primary reference, always with a tag; also the key other recipes use in `dependsOn`. */
  name: string;
  /** Further references pointing at the same image. */
  tags: string[];
  group: ImageGroup;
  /** Recipes (by `name`) that must exist before this one builds, e.g. its FROM. */
  dependsOn: string[];
  /** Folder under scripts/images/ holding the Dockerfile or the rootfs overlay. */
  context: string;
  /** Whether a registry may have the real thing; our own images are never pulled. */
  pullable: boolean;
  /** Set when the local build only imitates the original; stored as an image label too. */
  standIn?: string;
  build: RecipeBuild;
}

/** The label that records which recipe an image was built from. */
export const RECIPE_HASH_LABEL = 'deckhand.recipe-hash';
/** The label naming the recipe, so `docker images --filter label=deckhand.recipe` lists ours. */
export const RECIPE_NAME_LABEL = 'deckhand.recipe';
/** The label explaining how a stand-in differs from the image it imitates. */
export const STAND_IN_LABEL = 'deckhand.stand-in';
/**
 * Set on throwaway stages of multi-stage Dockerfiles (`LABEL deckhand.build-stage=true`): the
 * classic builder keeps each stage as an untagged image, which the build then removes.
 */
export const BUILD_STAGE_LABEL = 'deckhand.build-stage';

const DEBIAN_BASE = 'debian:bookworm-slim';
const BUSYBOX = 'busybox:latest';

/** The images `npm run images` makes, in no particular order (the graph orders them). */
export const IMAGE_RECIPES: readonly ImageRecipe[] = [
  {
    name: DEBIAN_BASE,
    tags: ['debian:bookworm', 'debian:latest'],
    group: 'challenges',
    dependsOn: [],
    context: 'debian',
    pullable: true,
    standIn:
      'debootstrap --variant=minbase bookworm, imported; debian:bookworm and debian:latest are the same slim image',
    build: {
      kind: 'debootstrap',
      suite: 'bookworm',
      variant: 'minbase',
      mirror: 'http://deb.debian.org/debian',
      // The same trimming the official slim image does, so the base stays near 75 MB.
      // /run, /var/log/apt and /var/cache/debconf stay: dpkg, apt and debconf expect them.
      emptyDirs: [
        'var/lib/apt/lists',
        'var/cache/apt',
        'usr/share/doc',
        'usr/share/man',
        'usr/share/info',
        'usr/share/locale',
        'usr/share/lintian',
        'dev',
        'tmp',
      ],
      removeFiles: [
        'etc/resolv.conf',
        'etc/hostname',
        'etc/hosts',
        'var/cache/ldconfig/aux-cache',
        'var/cache/debconf/config.dat-old',
        'var/cache/debconf/templates.dat-old',
        'var/log/bootstrap.log',
        'var/log/dpkg.log',
        'var/log/alternatives.log',
        'var/log/apt/history.log',
        'var/log/apt/term.log',
        'var/log/apt/eipp.log.xz',
      ],
      changes: [
        'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'CMD ["bash"]',
      ],
    },
  },
  {
    name: 'ubuntu:latest',
    tags: [],
    group: 'challenges',
    dependsOn: [DEBIAN_BASE],
    context: 'ubuntu',
    pullable: true,
    standIn: 'Debian bookworm slim with bash, named ubuntu; apt works, but it is not Ubuntu',
    build: { kind: 'dockerfile' },
  },
  {
    name: BUSYBOX,
    tags: [],
    group: 'challenges',
    dependsOn: [DEBIAN_BASE],
    context: 'busybox',
    pullable: true,
    standIn: "Debian's busybox-static on scratch, like the official image",
    build: { kind: 'dockerfile' },
  },
  {
    name: 'alpine:latest',
    tags: [],
    group: 'challenges',
    dependsOn: [BUSYBOX],
    context: 'alpine',
    pullable: true,
    standIn: 'busybox with /bin/sh, named alpine; there is no apk',
    build: { kind: 'dockerfile' },
  },
  {
    name: 'nginx:latest',
    tags: ['nginx:alpine'],
    group: 'challenges',
    dependsOn: [DEBIAN_BASE],
    context: 'nginx',
    pullable: true,
    standIn:
      "Debian's nginx-light laid out like the official image (/usr/share/nginx/html, conf.d, logs to stdout); no /docker-entrypoint.d templates",
    build: { kind: 'dockerfile' },
  },
  {
    name: 'registry.k8s.io/pause:3.9',
    tags: [],
    group: 'challenges',
    dependsOn: [BUSYBOX],
    context: 'pause',
    pullable: true,
    standIn: 'a busybox shell that sleeps until SIGTERM or SIGINT, at /pause',
    build: { kind: 'dockerfile' },
  },
  {
    name: 'deckhand/dind:latest',
    tags: [],
    group: 'classroom',
    dependsOn: [DEBIAN_BASE],
    context: 'dind',
    pullable: false,
    build: { kind: 'dockerfile' },
  },
];
