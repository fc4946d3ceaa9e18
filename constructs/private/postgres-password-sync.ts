/**
 * Where the password-sync script is mounted in a Postgres task on Swarm (a `docker_config`,
 * 0555), and run as its entrypoint.
 */
export const POSTGRES_PASSWORD_SYNC_PATH = '/usr/local/lib/cdktf-docker-stacks/postgres-password-sync.sh';

/**
 * The official image reads `POSTGRES_PASSWORD(_FILE)` only when it initialises an empty data
 * directory: a rotated secret alone leaves the role's old password in place, and every client
 * given the new one is refused. On Swarm a rotated secret replaces the task (stop-first: the old
 * server is gone), so this script, run before the image's own entrypoint, sets the role's
 * password from the secret file in single-user mode (no server, no connection, no auth) when
 * the data directory already holds a cluster, then hands over to `docker-entrypoint.sh`.
 *
 * POSIX sh (the Alpine image has no bash). The password travels through a pipe, never an
 * argument or a log line: statements are not echoed (`log_min_error_statement=panic`), and the
 * server's output is shown only as its ERROR/FATAL lines. A failure exits non-zero, so the task
 * fails and Swarm rolls the service back to the previous secret, which the role still has.
 */
export const POSTGRES_PASSWORD_SYNC_SCRIPT = `#!/bin/sh
# Written by cdktf-docker-stacks (constructs/private/postgres-password-sync.ts): sets the password
# of $POSTGRES_USER from $POSTGRES_PASSWORD_FILE on an existing cluster, then runs the image's
# entrypoint. A new cluster is left to the entrypoint, which initialises it from the same file.
set -eu
log() { printf '%s [password-sync] %s\\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" "$*" >&2; }
data="\${PGDATA:-/var/lib/postgresql/data}"
if [ -s "$data/PG_VERSION" ] && [ -n "\${POSTGRES_PASSWORD_FILE:-}" ]; then
  [ -r "$POSTGRES_PASSWORD_FILE" ] || { log "error: POSTGRES_PASSWORD_FILE=$POSTGRES_PASSWORD_FILE is not readable"; exit 1; }
  # The user is a plain identifier (the construct checks it); the password is read as the
  # entrypoint reads it (trailing newlines dropped) and dollar-quoted, so no character needs escaping.
  user="\${POSTGRES_USER:-postgres}"
  password="$(cat "$POSTGRES_PASSWORD_FILE")"
  case "$password" in *'$cds_password$'*) log 'error: the password contains $cds_password$, which this script uses as its quote'; exit 1 ;; esac
  if command -v gosu >/dev/null 2>&1; then as_postgres="gosu postgres"
  elif command -v su-exec >/dev/null 2>&1; then as_postgres="su-exec postgres"
  else as_postgres="setpriv --reuid=postgres --regid=postgres --init-groups"
  fi
  status=0
  output="$(printf 'ALTER ROLE "%s" WITH PASSWORD $cds_password$%s$cds_password$;\\n\\n' "$user" "$password" |
    $as_postgres postgres --single -j -D "$data" -c log_min_error_statement=panic postgres 2>&1)" || status=$?
  errors="$(printf '%s\\n' "$output" | grep -E '(FATAL|ERROR|PANIC): ' | head -n 3 || true)"
  if [ "$status" != 0 ] || [ -n "$errors" ]; then
    log "error: could not set the password of role $user (postgres --single exit $status): $errors"
    exit 1
  fi
  log "set the password of role $user from $POSTGRES_PASSWORD_FILE"
fi
exec docker-entrypoint.sh "$@"
`;
