#!/usr/bin/env bash
# Builds the local test images from Debian packages: no container registry is needed, only
# deb.debian.org. One debootstrap rootfs with every package the images need is imported as a
# shared base layer; thin Dockerfiles under test/fixtures/images/<name>/ add config and
# entrypoints on top (no network at build time).
#
#   scripts/images.sh build    build (or reuse) the base and every image  (default)
#   scripts/images.sh list     print "image recipe-hash state" per image, base first
#   scripts/images.sh rootfs   only prepare the cached base tarball (needs root, no engine)
#   scripts/images.sh verify   run test/fixtures/images/smoke-test.sh against the built images
#
# Caching: each image carries the label org.cdktf-docker-stacks.recipe = sha256 of the base
# recipe (suite, package list, rootfs upgrade and tidy steps) and of its fixture files; an image whose label
# matches is reused. The debootstrap tarball is kept in $CDS_CACHE/images/, keyed by the base
# recipe hash, so an empty Docker data-root only costs an import, not a debootstrap.
#
# Environment: CDS_IMAGE_PREFIX (default cds-local), CDS_DEBIAN_MIRROR (default
# http://deb.debian.org/debian), CDS_IMAGES_BUILDKIT=0|1 (default: 1 when `docker buildx`
# exists), CDS_IMAGES_FORCE=1 rebuilds the images (not the base tarball).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

IMAGES_DIR="$CDS_ROOT/test/fixtures/images"
IMAGES_CACHE="$CDS_CACHE/images"
SUITE=bookworm
MIRROR="${CDS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
LABEL=org.cdktf-docker-stacks.recipe
# Which CDS_IMAGE_PREFIX an image belongs to: leftovers are removed only for the own prefix.
PREFIX_LABEL=org.cdktf-docker-stacks.prefix
BASE_REF_LABEL=org.cdktf-docker-stacks.base
mkdir -p "$IMAGES_CACHE"

# One package set for every image, so the big layer is stored once. Kept sorted.
# No curl, wget or python3-requests: the python image mirrors python:*-slim.
BASE_PACKAGES=(
  bash
  ca-certificates
  cron                    # Debian's cron daemon (`cron -f`), for scheduler-style containers
  gunicorn                # the CLI; pulls python3-gunicorn
  netcat-openbsd
  nginx                   # bookworm's nginx-light is only nginx + the echo module
  postgresql-15
  postgresql-client-15
  procps
  python-is-python3       # `python` as in the python:3 images
  python3
  python3-fastapi
  python3-gunicorn
  python3-psycopg         # psycopg 3
  python3-redis
  python3-uvicorn
  redis-server
  redis-tools
  tzdata
  util-linux              # setpriv, used to drop root in the entrypoints
  uvicorn                 # the CLI; python3-uvicorn only has `python3 -m uvicorn`
)

# name -> main tag (the Docker Hub major tag the stacks use) and the Debian package whose
# version gives the extra minor tag (redis:7.0, postgres:15.20, nginx:1.22, python:3.11).
IMAGE_NAMES=(postgres redis nginx python demo-app chroma-standin ollama-standin)
declare -A IMAGE_TAG=([postgres]=15 [redis]=7 [nginx]=1 [python]=3 [demo-app]=1 [chroma-standin]=1 [ollama-standin]=1)
declare -A IMAGE_PKG=([postgres]=postgresql-15 [redis]=redis-server [nginx]=nginx [python]=python3 [demo-app]=python3 [chroma-standin]=python3 [ollama-standin]=python3)
# Images built FROM another local image (rebuilt when their parent's recipe changes), and
# recipes kept outside test/fixtures/images (context directory and Dockerfile name).
declare -A IMAGE_PARENT=([demo-app]=python [chroma-standin]=python [ollama-standin]=python)
declare -A IMAGE_CONTEXT=([demo-app]="$CDS_ROOT/examples/demo-app")
declare -A IMAGE_DOCKERFILE=([demo-app]=Dockerfile.local)

sha256_stdin() { sha256sum | cut -d' ' -f1; }

# debootstrap installs the point release only; this adds bookworm-updates and -security.
# Runs in the fresh rootfs ($1); part of the base recipe hash, like tidy_rootfs.
upgrade_rootfs() {
  local root="$1"
  # Package scripts in the rootfs (and later in containers) must not start services.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  cat >"$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
SOURCES
  # Chained with && (as when `step` ran it as an if-condition) so the recipe hash is unchanged.
  chroot "$root" apt-get update -qq &&
    chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o Dpkg::Options::=--force-confold upgrade &&
    chroot "$root" apt-get clean
}

# Runs in the rootfs ($1) before it is archived; part of the base recipe hash.
tidy_rootfs() {
  local root="$1"
  # Docker provides these at run time.
  rm -f "$root/etc/resolv.conf" "$root/etc/hostname"
  : >"$root/etc/hosts"
  : >"$root/etc/machine-id"
  # The postgresql-common postinst created a default cluster and a snakeoil key; the images
  # initialise their own data directory.
  rm -rf "$root/etc/postgresql/15/main" "$root/var/lib/postgresql/15"
  sed -i 's/^#\?\s*create_main_cluster.*/create_main_cluster = false/' "$root/etc/postgresql-common/createcluster.conf"
  rm -f "$root/etc/ssl/private/ssl-cert-snakeoil.key" "$root/etc/ssl/certs/ssl-cert-snakeoil.pem"
  # cron's PAM session fails where a container may not write /proc/self/loginuid, and then
  # no job runs; the login uid means nothing in a container.
  sed -i 's/^session\s\+required\s\+pam_loginuid\.so/session    optional     pam_loginuid.so/' "$root/etc/pam.d/cron"
  grep -q '^session\s\+optional\s\+pam_loginuid\.so' "$root/etc/pam.d/cron" || return 1
  # Caches, docs (copyright files stay), man pages, translations, logs.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old "$root"/var/cache/ldconfig/aux-cache \
    "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/lintian "$root"/usr/share/linda \
    "$root"/usr/share/locale/* "$root"/tmp/* "$root"/var/tmp/*
  find "$root/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  find "$root/var/log" -type f -exec truncate -s 0 {} +
  cat >"$root/etc/apt/sources.list" <<SOURCES
deb http://deb.debian.org/debian $SUITE main
deb http://deb.debian.org/debian $SUITE-updates main
deb http://deb.debian.org/debian-security $SUITE-security main
SOURCES
}

base_recipe() {
  printf 'debian-base\nsuite=%s\nvariant=minbase\n' "$SUITE"
  printf 'package=%s\n' "${BASE_PACKAGES[@]}"
  declare -f upgrade_rootfs tidy_rootfs
}
BASE_HASH="$(base_recipe | sha256_stdin)"
BASE_REF="$CDS_IMAGE_PREFIX/debian-base:$SUITE-${BASE_HASH:0:12}"
BASE_TARBALL="$IMAGES_CACHE/debian-base-$SUITE-${BASE_HASH:0:12}.tar.zst"

image_dir() { echo "${IMAGE_CONTEXT[$1]:-$IMAGES_DIR/$1}"; }
image_dockerfile() { echo "$(image_dir "$1")/${IMAGE_DOCKERFILE[$1]:-Dockerfile}"; }

# Every value is computed in an assignment first: a failure inside a command substitution used
# as an argument would be ignored (the argument would just be empty).
image_recipe_hash() {
  local dir dockerfile parent=
  dir="$(image_dir "$1")"
  dockerfile="$(image_dockerfile "$1")"
  [ -f "$dockerfile" ] || die "no recipe for image '$1': $dockerfile is missing"
  [ -z "${IMAGE_PARENT[$1]:-}" ] || parent="$(image_recipe_hash "${IMAGE_PARENT[$1]}")"
  {
    printf 'base=%s\n' "$BASE_HASH"
    [ -z "$parent" ] || printf 'parent=%s\n' "$parent"
    recipe_files "$dir"
  } | sha256_stdin
}

# "x|- sha256 ./path" per file under $1, sorted by path.
recipe_files() {
  local files f mode sum
  files="$(cd "$1" && find . -type f -print | LC_ALL=C sort)"
  while IFS= read -r f; do
    # Only the executable bit: other mode bits depend on the checkout's umask.
    mode=-
    if [ -x "$1/$f" ]; then mode=x; fi
    sum="$(sha256_stdin <"$1/$f")"
    printf '%s %s %s\n' "$mode" "$sum" "$f"
  done <<<"$files"
}

image_ref() { echo "$CDS_IMAGE_PREFIX/$1:${IMAGE_TAG[$1]}"; }

require_engine() {
  engine_answers || die "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}); start one with: bash scripts/engine.sh start"
}
# The recipe label of image $1; empty when there is no such image.
image_label() { docker image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }
image_size_mb() { docker image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1/1000/1000}'; }

# Mount points at or under $1, deepest first.
mounts_under() { awk -v r="$1" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/self/mounts | sort -r; }

# Unmounts anything debootstrap left mounted under $1 (it may bind-mount the host's /dev), and
# fails if something is still mounted there: rm -rf must stay inside.
unmount_under() {
  local mounts m
  mounts="$(mounts_under "$1")"
  [ -n "$mounts" ] || return 0
  while IFS= read -r m; do
    # A mount of a parent detached first takes its children along: the next umount then
    # fails, harmlessly; what matters is the check below.
    umount -l "$m" 2>/dev/null || true
  done <<<"$mounts"
  mounts="$(mounts_under "$1")"
  [ -z "$mounts" ] || die "still mounted under $1, not removing it: $(echo "$mounts" | tr '\n' ' ')"
}

# The work directory of ensure_base_tarball, removed at exit whatever happens.
BASE_WORK=
remove_base_work() {
  [ -n "$BASE_WORK" ] || return 0
  unmount_under "$BASE_WORK"
  rm -rf "$BASE_WORK"
  BASE_WORK=
}

run_debootstrap() { # ROOTFS: debootstrap with the base recipe's packages
  local includes rc=0
  includes="$(IFS=,; echo "${BASE_PACKAGES[*]}")"
  debootstrap --variant=minbase --include="$includes" --cache-dir="$IMAGES_CACHE/debs" "$SUITE" "$1" "$MIRROR" || rc=$?
  if [ "$rc" -ne 0 ]; then
    # debootstrap's own log says which package failed.
    if [ -f "$1/debootstrap/debootstrap.log" ]; then tail -n 30 "$1/debootstrap/debootstrap.log"; fi
    return "$rc"
  fi
}

# The archive, under a temporary name ($2); pipefail makes a failing tar fail the step, not
# only a failing zstd.
archive_rootfs() { # ROOTFS OUT
  tar -C "$1" --numeric-owner --xattrs --xattrs-include="*" -cf - . | zstd -q -T0 -3 -o "$2"
}

# The debootstrap rootfs as a cached tarball; slow (~2 min) only when the base recipe changed.
ensure_base_tarball() {
  if [ -s "$BASE_TARBALL" ]; then
    log "base tarball: reused $BASE_TARBALL"
    return
  fi
  [ "$(id -u)" = 0 ] || die "debootstrap needs root; run scripts/images.sh as root (or build the tarball once as root)"
  ensure_commands debootstrap:debootstrap zstd:zstd
  local work rootfs size
  work="$(mktemp -d "$IMAGES_CACHE/.rootfs.XXXXXX")"
  rootfs="$work/rootfs"
  BASE_WORK="$work"
  trap remove_base_work EXIT
  mkdir -p "$IMAGES_CACHE/debs"
  # Each step stops the script when it fails, after printing the end of its log.
  step "debootstrap $SUITE (minbase + ${#BASE_PACKAGES[@]} packages)" quietly "$work/debootstrap.log" run_debootstrap "$rootfs"
  unmount_under "$rootfs"
  step "apt-get upgrade from $SUITE-updates and $SUITE-security" quietly "$work/upgrade.log" upgrade_rootfs "$rootfs"
  step "tidy rootfs" tidy_rootfs "$rootfs"
  # Record what went in, for the summary and for debugging.
  # shellcheck disable=SC2016 # ${Package} is dpkg-query's field syntax, not the shell's
  chroot "$rootfs" dpkg-query -W -f '${Package} ${Version}\n' >"$work/packages.txt"
  local bad
  for bad in usr/bin/curl usr/bin/wget usr/lib/python3/dist-packages/requests; do
    [ ! -e "$rootfs/$bad" ] || die "the base rootfs contains /$bad; the python image must not (like python:*-slim)"
  done
  size="$(du -sh "$rootfs" | cut -f1)"
  step "archive rootfs ($size)" archive_rootfs "$rootfs" "$work/base.tar.zst"
  # Renamed into place (same file system) only once the whole archive was written.
  mv "$work/packages.txt" "${BASE_TARBALL%.tar.zst}.packages.txt"
  mv "$work/base.tar.zst" "$BASE_TARBALL"
  # Only the current recipe's tarball is worth keeping.
  find "$IMAGES_CACHE" -maxdepth 1 -name "debian-base-*" -not -name "$(basename "${BASE_TARBALL%.tar.zst}").*" -delete
  remove_base_work
  trap - EXIT
  log "base tarball: built $BASE_TARBALL ($(du -h "$BASE_TARBALL" | cut -f1))"
}

ensure_base_image() {
  if [ "$(image_label "$BASE_REF")" = "$BASE_HASH" ]; then
    log "image $BASE_REF: reused"
    return
  fi
  ensure_base_tarball
  step "docker import $BASE_REF" import_base "$BASE_TARBALL"
  log "image $BASE_REF: built ($(image_size_mb "$BASE_REF"))"
}

# Imports the base tarball ($1) and tags it $BASE_REF only when the whole stream was read:
# an untagged import of a damaged tarball is removed, never labelled current.
# Streamed uncompressed: works whatever compressions the engine's import accepts.
import_base() {
  local id rc=0
  id="$(zstd -dc -q "$1" | docker import \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV LANG=C.UTF-8" \
    --change "LABEL $LABEL=$BASE_HASH" \
    --change "LABEL $PREFIX_LABEL=$CDS_IMAGE_PREFIX" \
    --change 'CMD ["bash"]' \
    --message "debootstrap --variant=minbase $SUITE from Debian packages (scripts/images.sh)" \
    -)" || rc=$?
  if [ "$rc" -ne 0 ]; then
    if [ -n "$id" ]; then docker image rm "$id" >/dev/null; fi
    log "importing $1 failed (exit $rc); if the tarball is damaged, delete it to rebuild it"
    return "$rc"
  fi
  docker tag "$id" "$BASE_REF"
}

use_buildkit() {
  case "${CDS_IMAGES_BUILDKIT:-auto}" in
    0) return 1 ;;
    1) return 0 ;;
    *) docker buildx version >/dev/null 2>&1 ;;
  esac
}

# "current" when the image of $1 carries its recipe hash (and CDS_IMAGES_FORCE is not 1), else
# "stale". Call it in an assignment, not as a condition, so a failing hash stops the script.
image_state() {
  local hash
  hash="$(image_recipe_hash "$1")"
  if [ "${CDS_IMAGES_FORCE:-0}" != 1 ] && [ "$(image_label "$(image_ref "$1")")" = "$hash" ]; then echo current; else echo stale; fi
}

SUMMARY=()
# Builds or reuses one image; adds "<ref> built|reused <seconds>s <size>" to SUMMARY.
build_image() {
  local name="$1" ref hash start=$SECONDS state version minor old_id new_id size
  ref="$(image_ref "$name")"
  old_id="$(docker image inspect --format '{{.Id}}' "$ref" 2>/dev/null || true)"
  hash="$(image_recipe_hash "$name")"
  state="$(image_state "$name")"
  if [ "$state" = current ]; then
    state=reused
  else
    local log_file="$CDS_LOCAL/images-build-$name.log" builder=(env DOCKER_BUILDKIT=0) dockerfile dir
    if use_buildkit; then builder=(env DOCKER_BUILDKIT=1); fi
    dockerfile="$(image_dockerfile "$name")"
    dir="$(image_dir "$name")"
    version="$(docker run --rm --entrypoint dpkg-query "$BASE_REF" -W -f '${Version}' "${IMAGE_PKG[$name]}")"
    log "image $ref: building ($name ${version}; log: $log_file)"
    local args=(--build-arg "BASE=$BASE_REF" --build-arg "PREFIX=$CDS_IMAGE_PREFIX" -f "$dockerfile")
    if ! "${builder[@]}" docker build --quiet "${args[@]}" \
        --label "$LABEL=$hash" --label "$BASE_REF_LABEL=$BASE_REF" --label "org.cdktf-docker-stacks.version=$version" \
        -t "$ref" "$dir" >"$log_file" 2>&1; then
      # --quiet hides the steps; replay without it so the failing one is visible. The replay
      # fails too: its status adds nothing, the die below reports the failure.
      "${builder[@]}" docker build "${args[@]}" "$dir" >"$log_file" 2>&1 || true
      tail -n 40 "$log_file" >&2
      die "docker build of $ref failed; full log: $log_file"
    fi
    state=built
  fi
  # Extra tag with the packaged minor version, e.g. redis:7.0 (re-applied on reuse: cheap).
  version="$(docker image inspect --format "{{index .Config.Labels \"org.cdktf-docker-stacks.version\"}}" "$ref")"
  minor="$(sed -E 's/^[0-9]+://; s/^([0-9]+\.[0-9]+).*/\1/' <<<"$version")"
  if [ -z "${IMAGE_PARENT[$name]:-}" ] && [[ "$minor" =~ ^[0-9]+\.[0-9]+$ ]]; then
    docker tag "$ref" "$CDS_IMAGE_PREFIX/$name:$minor"
  fi
  # The image this build replaced is untagged now; drop it unless a container still uses it.
  new_id="$(docker image inspect --format '{{.Id}}' "$ref")"
  if [ "$state" = built ] && [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
    remove_image_if_unused "$old_id"
  fi
  size="$(image_size_mb "$ref")"
  log "image $ref: $state in $((SECONDS - start))s ($size; also tagged :$minor)"
  SUMMARY+=("$(printf '%-28s %-7s %4ss  %s' "$ref" "$state" "$((SECONDS - start))" "$size")")
}

# Removes image $1 (an id or a tag of this prefix); one a container still uses stays (the
# engine refuses) and is retried by a later run.
remove_image_if_unused() {
  local out
  if ! out="$(docker image rm "$1" 2>&1 >/dev/null)"; then
    log "kept image $1: $out"
  fi
}

# Untagged images this prefix built: with a recipe label and either the prefix label (bases
# imported since it exists, and images built on them) or a base label under this prefix.
own_dangling_images() {
  local ids id labels
  ids="$(docker image ls -q --no-trunc --filter dangling=true --filter "label=$LABEL")"
  [ -n "$ids" ] || return 0
  while IFS= read -r id; do
    labels="$(docker image inspect --format "{{index .Config.Labels \"$PREFIX_LABEL\"}} {{index .Config.Labels \"$BASE_REF_LABEL\"}}" "$id")"
    if [ "${labels%% *}" = "$CDS_IMAGE_PREFIX" ] || [[ "${labels#* }" == "$CDS_IMAGE_PREFIX/"* ]]; then echo "$id"; fi
  done <<<"$ids"
}

cmd_build() {
  require_engine
  local total=$SECONDS name state
  # One build at a time per cache (setup scripts may run concurrently).
  exec 9>"$IMAGES_CACHE/.lock"
  flock -w 1800 9 || die "timed out waiting for another scripts/images.sh ($IMAGES_CACHE/.lock)"
  # The base (debootstrap tarball, import) only when some image has to be built.
  for name in "${IMAGE_NAMES[@]}"; do
    state="$(image_state "$name")"
    if [ "$state" != current ]; then
      ensure_base_image
      break
    fi
  done
  for name in "${IMAGE_NAMES[@]}"; do
    build_image "$name"
  done
  printf '%s\n' "${SUMMARY[@]}"
  # Older recipes' leftovers of this prefix only (another prefix may be building on the same
  # engine right now): untag old bases, and remove untagged images.
  # Untagged ones first: an old base loses its last child then, and goes with its tag.
  local stale refs
  refs="$(own_dangling_images)"
  refs+=$'\n'"$(docker image ls --format '{{.Repository}}:{{.Tag}}' "$CDS_IMAGE_PREFIX/debian-base")"
  while IFS= read -r stale; do
    if [ -n "$stale" ] && [ "$stale" != "$BASE_REF" ]; then remove_image_if_unused "$stale"; fi
  done <<<"$refs"
  log "images: done in $((SECONDS - total))s"
}

cmd_list() {
  local engine=0 name ref hash state cached=
  if engine_answers; then engine=1; fi
  [ ! -s "$BASE_TARBALL" ] || cached=", tarball cached"
  printf '%-44s %-64s %s\n' IMAGE RECIPE STATE
  state="$(list_state "$engine" "$BASE_REF" "$BASE_HASH")"
  printf '%-44s %-64s %s\n' "$BASE_REF" "$BASE_HASH" "$state$cached"
  for name in "${IMAGE_NAMES[@]}"; do
    ref="$(image_ref "$name")"
    hash="$(image_recipe_hash "$name")"
    state="$(list_state "$engine" "$ref" "$hash")"
    printf '%-44s %-64s %s\n' "$ref" "$hash" "$state"
  done
}

list_state() { # ENGINE(0|1) REF HASH
  local label
  if [ "$1" != 1 ]; then echo "unknown (no engine)"; return; fi
  label="$(image_label "$2")"
  if [ -z "$label" ]; then echo missing; elif [ "$label" = "$3" ]; then echo current; else echo stale; fi
}

main() {
  case "${1:-build}" in
    build) cmd_build ;;
    list) cmd_list ;;
    verify) require_engine; bash "$IMAGES_DIR/smoke-test.sh" ;;
    rootfs)
      exec 9>"$IMAGES_CACHE/.lock"
      flock -w 1800 9 || die "timed out waiting for another scripts/images.sh ($IMAGES_CACHE/.lock)"
      ensure_base_tarball
      ;;
    -h | --help | help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" ;;
    *) die "usage: scripts/images.sh [build|list|rootfs|verify]" ;;
  esac
}

# Sourced (by a test), it only defines its functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
