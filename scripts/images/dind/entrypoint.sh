#!/bin/sh
# Makes the kernel interfaces an inner dockerd writes to writable, then becomes dockerd.
# Extra arguments are passed on to dockerd.
set -eu

# Docker mounts /sys and the cgroup v1 hierarchies read-only in an unprivileged container. A
# plain `remount,rw` of these bind mounts fails with "busy"; a bind remount works. Without it an
# inner `docker run` fails on a read-only /sys/fs/cgroup/cpuset.
remount_rw() {
  mount -o remount,bind,rw "$1" 2>/dev/null || echo "dind-entrypoint: could not remount $1 read-write" >&2
}

remount_rw /sys
awk '$3 == "cgroup" || $3 == "cgroup2" || ($2 == "/sys/fs/cgroup" && $3 == "tmpfs") { print $2 }' /proc/self/mounts |
  while read -r target; do remount_rw "$target"; done

# A pid file left by a previous run of this container makes dockerd refuse to start.
rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid

# Without --tls=false a dockerd listening on TCP sleeps 15 s on purpose before it serves.
exec dockerd --host=tcp://0.0.0.0:2375 --host=unix:///var/run/docker.sock --tls=false "$@"
