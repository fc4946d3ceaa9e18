import type Docker from 'dockerode';
import { decodeLog } from './log-lines';

/** Log lines shown per failed task: enough for a traceback's end, short enough to read. */
export const SWARM_DIAGNOSIS_LOG_LINES = 30;
/** Failed tasks shown per service, newest first: a crash loop repeats the same story. */
export const SWARM_DIAGNOSIS_TASKS = 2;

/** What the diagnosis reads of the synthesized stack: the `docker_service` names. */
export interface SwarmStackJson {
  readonly resource?: { readonly docker_service?: Readonly<Record<string, { readonly name: string }>> };
}

/** The Docker API calls the diagnosis makes (a manager's), so tests can stand one in. */
export type SwarmDiagnosisEngine = Pick<Docker, 'getService' | 'listTasks' | 'listNodes' | 'getTask'>;

interface TaskJson {
  readonly ID: string;
  readonly Slot?: number;
  readonly NodeID?: string;
  readonly CreatedAt?: string;
  readonly Spec?: { readonly ContainerSpec?: { readonly Image?: string } };
  readonly Status?: { readonly Timestamp?: string; readonly State?: string; readonly Err?: string; readonly ContainerStatus?: { readonly ExitCode?: number } };
}

const FAILED_STATES = new Set(['failed', 'rejected']);

/**
 * After a failed deploy on Swarm: for each `docker_service` of the stack whose update did not
 * complete, or which has failed tasks, its update state (Swarm's own message, e.g. "update
 * rolled back due to failure or early termination of task ..."), and for its newest failed
 * tasks (since the last update started) their node, error, exit code and last log lines, read
 * from the manager (`GET /tasks/{id}/logs`, which fetches them from the task's node).
 * Terraform only says that the service did not converge or was rolled back; the task says why.
 */
export async function diagnoseSwarmStack(docker: SwarmDiagnosisEngine, json: SwarmStackJson): Promise<string[]> {
  const names = Object.values(json.resource?.docker_service ?? {})
    .map((s) => s.name)
    .sort();
  const nodes = new Map(((await docker.listNodes()) as { ID: string; Description?: { Hostname?: string } }[]).map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
  const out: string[] = [];
  for (const name of names) {
    let service: { UpdateStatus?: { State?: string; Message?: string; StartedAt?: string } };
    try {
      service = (await docker.getService(name).inspect()) as typeof service;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        out.push(`- ${name}: not created (a dependency did not converge, the deploy stopped before it, or the provider removed a new service that did not converge)`);
        continue;
      }
      throw error;
    }
    const update = service.UpdateStatus;
    const since = update?.StartedAt ? Date.parse(update.StartedAt) : 0;
    const tasks = ((await docker.listTasks({ filters: JSON.stringify({ service: [name] }) })) as TaskJson[])
      .filter((t) => FAILED_STATES.has(t.Status?.State ?? '') && Date.parse(t.CreatedAt ?? '') >= since)
      .sort((a, b) => Date.parse(b.Status?.Timestamp ?? '') - Date.parse(a.Status?.Timestamp ?? ''));
    const unfinished = update?.State !== undefined && update.State !== 'completed';
    if (!unfinished && tasks.length === 0) continue;
    out.push(`- ${name}: ${update?.State ? `update ${update.State}` : 'created'}${update?.Message ? `: ${update.Message}` : ''}; ${tasks.length} failed task(s)${tasks.length > SWARM_DIAGNOSIS_TASKS ? `, the newest ${SWARM_DIAGNOSIS_TASKS} shown` : ''}`);
    for (const task of tasks.slice(0, SWARM_DIAGNOSIS_TASKS)) {
      const where = task.NodeID ? nodes.get(task.NodeID) ?? task.NodeID : 'no node';
      const exit = task.Status?.ContainerStatus?.ExitCode;
      out.push(`  task ${name}.${task.Slot ?? '?'} (${task.ID.slice(0, 12)}) on ${where}: ${task.Status?.State}${task.Status?.Err ? `, ${task.Status.Err}` : ''}${exit !== undefined ? `, exit code ${exit}` : ''}`);
      if (task.Spec?.ContainerSpec?.Image) out.push(`  image ${task.Spec.ContainerSpec.Image}`);
      out.push(...(await taskLogLines(docker, task.ID)));
    }
  }
  return out;
}

async function taskLogLines(docker: SwarmDiagnosisEngine, id: string): Promise<string[]> {
  // Without `follow`, dockerode answers with the whole body, not the stream its typings name.
  const task = docker.getTask(id) as unknown as { logs(options: object): Promise<Buffer | string> };
  let body: Buffer | string;
  try {
    body = await task.logs({ stdout: true, stderr: true, timestamps: true, tail: SWARM_DIAGNOSIS_LOG_LINES });
  } catch (error) {
    return [`  (no logs: ${(error as Error).message.trim()})`];
  }
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = decodeLog(id, buffer, false).slice(-SWARM_DIAGNOSIS_LOG_LINES);
  return lines.length === 0 ? ['  (no log output)'] : lines.map((l) => `  | ${l.text}`);
}
