/**
 * Linux capabilities a service may add back after all are dropped. Written with the `CAP_`
 * prefix, as the engine reports them, so a deploy shows no diff.
 */
export enum Capability {
  /** Change the owner and group of any file: for entrypoints that take ownership of a data directory before dropping root (Postgres). */
  CHOWN = 'CAP_CHOWN',
  /** Read, write and execute any file regardless of its permission bits: for a root entrypoint that prepares files owned by another user. */
  DAC_OVERRIDE = 'CAP_DAC_OVERRIDE',
  /** Act on files the process does not own where ownership is checked (`chmod`, setting times): for a root entrypoint fixing modes of another user's files. */
  FOWNER = 'CAP_FOWNER',
  /** Keep the set-user-ID and set-group-ID bits on a file the process modifies. */
  FSETID = 'CAP_FSETID',
  /** Send signals to processes of other users: for a supervisor running children under another user. */
  KILL = 'CAP_KILL',
  /** Change the process's group ids: for daemons that start as root and switch to another user (cron, `su-exec`, `gosu`). */
  SETGID = 'CAP_SETGID',
  /** Change the process's user id: for daemons that start as root and switch to another user (cron, `su-exec`, `gosu`). */
  SETUID = 'CAP_SETUID',
  /** Listen on ports below 1024 inside the container. Listening on a higher port and publishing it on the low host port needs none. */
  NET_BIND_SERVICE = 'CAP_NET_BIND_SERVICE',
  /** Open raw and packet sockets: `ping`, packet capture. */
  NET_RAW = 'CAP_NET_RAW',
  /** Raise priorities, set real-time scheduling and CPU affinity. */
  SYS_NICE = 'CAP_SYS_NICE',
  /** Trace and inspect other processes: debuggers and sampling profilers. */
  SYS_PTRACE = 'CAP_SYS_PTRACE',
  /** Lock memory so it is never swapped out (`mlock`). */
  IPC_LOCK = 'CAP_IPC_LOCK',
}
