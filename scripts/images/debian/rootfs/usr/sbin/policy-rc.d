#!/bin/sh
# There is no init system in a container: packages must not try to start their services while an
# image builds (nginx and docker.io would otherwise start and die with the build step).
exit 101
