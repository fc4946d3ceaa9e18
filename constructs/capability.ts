/**
 * Linux capabilities a service may add back after all are dropped. Written with the `CAP_`
 * prefix, as the engine reports them, so a deploy shows no diff.
 */
export enum Capability {
  CHOWN = 'CAP_CHOWN',
  DAC_OVERRIDE = 'CAP_DAC_OVERRIDE',
  FOWNER = 'CAP_FOWNER',
  FSETID = 'CAP_FSETID',
  KILL = 'CAP_KILL',
  SETGID = 'CAP_SETGID',
  SETUID = 'CAP_SETUID',
  NET_BIND_SERVICE = 'CAP_NET_BIND_SERVICE',
  NET_RAW = 'CAP_NET_RAW',
  SYS_NICE = 'CAP_SYS_NICE',
  SYS_PTRACE = 'CAP_SYS_PTRACE',
  IPC_LOCK = 'CAP_IPC_LOCK',
}
