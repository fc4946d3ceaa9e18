// Value factories with out-of-range, wrong-type, undefined, null, NaN, Infinity, fractional and
// trailing-garbage inputs. Each must throw a ValidationError naming the factory (its path), the
// field, the value and the fix: issue 7 defect 6.
import { AsgiServer, ContainerImage, Cpu, CronSchedule, Duration, HealthCheck, LogRotation, Port, ProbeTool, PythonApi, RestartPolicy, Secret, Size } from '../api';
import { BadInput } from '../case';
import { Kit, wrong } from '../harness';

const D6 = 'issue 7 defect 6';

/** NaN and Infinity must be shown as written (JSON would print null). */
const shownAsWritten = (name: string): string | undefined => /\b(NaN|Infinity)\b/.exec(name)?.[0];

/** A factory call that must throw a ValidationError naming the factory as called (`Port.tcp`), or its class. */
function call(name: string, factory: string, run: () => unknown, source?: string): BadInput {
  return { name, class: 'value factories', expected: 'VALIDATION_ERROR', at: [factory, factory.split('.')[0]], source, shows: shownAsWritten(name), build: () => void run() };
}

/** An AsgiServer built by the factory and handed to a PythonApi, which reports the bad option under `server.*`. */
function server(name: string, make: () => AsgiServer): BadInput {
  return {
    name: `PythonApi with server ${name}`,
    class: 'value factories',
    expected: 'VALIDATION_ERROR',
    at: ['shop/api', name.replace(/\(.*$/, ''), 'AsgiServer'],
    shows: shownAsWritten(name),
    build: (kit: Kit) => void new PythonApi(kit.stack(), 'api', { image: kit.image(), app: 'app.main:app', server: make() }),
  };
}

export const VALUE_FACTORY_CASES: readonly BadInput[] = [
  // Port
  call('Port.tcp(0)', 'Port.tcp', () => Port.tcp(0), D6),
  call('Port.tcp(65536)', 'Port.tcp', () => Port.tcp(65536)),
  call('Port.tcp(80.5)', 'Port.tcp', () => Port.tcp(80.5)),
  call('Port.tcp(NaN)', 'Port.tcp', () => Port.tcp(NaN)),
  call('Port.tcp(Infinity)', 'Port.tcp', () => Port.tcp(Infinity)),
  call('Port.tcp(undefined)', 'Port.tcp', () => Port.tcp(wrong(undefined))),
  call('Port.tcp(null)', 'Port.tcp', () => Port.tcp(wrong(null))),
  call("Port.tcp('8080')", 'Port.tcp', () => Port.tcp(wrong('8080'))),
  call('Port.udp(-1)', 'Port.udp', () => Port.udp(-1)),
  // Cpu
  call('Cpu.cores(-1)', 'Cpu.cores', () => Cpu.cores(-1), D6),
  call('Cpu.cores(0)', 'Cpu.cores', () => Cpu.cores(0)),
  call('Cpu.cores(65)', 'Cpu.cores', () => Cpu.cores(65)),
  call("Cpu.cores('1.5')", 'Cpu.cores', () => Cpu.cores(wrong('1.5')), D6),
  call('Cpu.cores(NaN)', 'Cpu.cores', () => Cpu.cores(NaN)),
  call('Cpu.cores(Infinity)', 'Cpu.cores', () => Cpu.cores(Infinity)),
  call('Cpu.cores(undefined)', 'Cpu.cores', () => Cpu.cores(wrong(undefined))),
  call('Cpu.cores(0.05) (read back as 0.1)', 'Cpu.cores', () => Cpu.cores(0.05)),
  call('Cpu.cores(1.234)', 'Cpu.cores', () => Cpu.cores(1.234)),
  // Size
  call("Size.parse('1.5g')", 'Size.parse', () => Size.parse('1.5g'), D6),
  call("Size.parse('512mx')", 'Size.parse', () => Size.parse('512mx')),
  call("Size.parse('99999999g')", 'Size.parse', () => Size.parse('99999999g'), D6),
  call("Size.parse('')", 'Size.parse', () => Size.parse('')),
  call("Size.parse('-5m')", 'Size.parse', () => Size.parse('-5m')),
  call('Size.parse(process.env.X) (undefined)', 'Size.parse', () => Size.parse(wrong(process.env.CDS_BAD_INPUTS_UNSET)), D6),
  call('Size.parse(512)', 'Size.parse', () => Size.parse(wrong(512))),
  call('Size.mebibytes(-1)', 'Size.mebibytes', () => Size.mebibytes(-1)),
  call('Size.mebibytes(NaN)', 'Size.mebibytes', () => Size.mebibytes(NaN)),
  call('Size.mebibytes(undefined)', 'Size.mebibytes', () => Size.mebibytes(wrong(undefined))),
  call('Size.bytes(1.5)', 'Size.bytes', () => Size.bytes(1.5)),
  call('Size.gibibytes(Infinity)', 'Size.gibibytes', () => Size.gibibytes(Infinity)),
  // Duration
  call("Duration.parse('1d')", 'Duration.parse', () => Duration.parse('1d'), D6),
  call('Duration.parse(undefined)', 'Duration.parse', () => Duration.parse(wrong(undefined)), D6),
  call("Duration.parse('')", 'Duration.parse', () => Duration.parse('')),
  call("Duration.parse('30') (no unit)", 'Duration.parse', () => Duration.parse('30')),
  call("Duration.parse('30sx')", 'Duration.parse', () => Duration.parse('30sx')),
  call('Duration.parse(30)', 'Duration.parse', () => Duration.parse(wrong(30))),
  call('Duration.seconds(-1)', 'Duration.seconds', () => Duration.seconds(-1)),
  call('Duration.seconds(NaN)', 'Duration.seconds', () => Duration.seconds(NaN)),
  call('Duration.millis(1.5)', 'Duration.millis', () => Duration.millis(1.5)),
  call('Duration.hours(9000)', 'Duration.hours', () => Duration.hours(9000)),
  call('Duration.minutes(Infinity)', 'Duration.minutes', () => Duration.minutes(Infinity)),
  call('Duration.seconds(null)', 'Duration.seconds', () => Duration.seconds(wrong(null))),
  // RestartPolicy
  call('RestartPolicy.onFailure(-1)', 'RestartPolicy.onFailure', () => RestartPolicy.onFailure(-1), D6),
  call('RestartPolicy.onFailure(0)', 'RestartPolicy.onFailure', () => RestartPolicy.onFailure(0)),
  call('RestartPolicy.onFailure(21)', 'RestartPolicy.onFailure', () => RestartPolicy.onFailure(21)),
  call('RestartPolicy.onFailure(2.5)', 'RestartPolicy.onFailure', () => RestartPolicy.onFailure(2.5)),
  call('RestartPolicy.onFailure(undefined)', 'RestartPolicy.onFailure', () => RestartPolicy.onFailure(wrong(undefined))),
  // LogRotation
  call('LogRotation.jsonFile({ maxFiles: 0 })', 'LogRotation.jsonFile', () => LogRotation.jsonFile({ maxFiles: 0 })),
  call('LogRotation.jsonFile({ maxFiles: 21 })', 'LogRotation.jsonFile', () => LogRotation.jsonFile({ maxFiles: 21 })),
  call('LogRotation.jsonFile({ maxFiles: 2.5 })', 'LogRotation.jsonFile', () => LogRotation.jsonFile({ maxFiles: 2.5 })),
  call('LogRotation.jsonFile({ maxFiles: NaN })', 'LogRotation.jsonFile', () => LogRotation.jsonFile({ maxFiles: NaN })),
  call('LogRotation.jsonFile({ maxSize: Size.kibibytes(10) })', 'LogRotation.jsonFile', () => LogRotation.jsonFile({ maxSize: Size.kibibytes(10) })),
  call('LogRotation.jsonFile({ maxSize: Size.gibibytes(2) })', 'LogRotation.jsonFile', () => LogRotation.jsonFile({ maxSize: Size.gibibytes(2) })),
  call("LogRotation.jsonFile({ maxSize: '10m' })", 'LogRotation.jsonFile', () => LogRotation.jsonFile({ maxSize: wrong('10m') })),
  call('LogRotation.jsonFile(null)', 'LogRotation.jsonFile', () => LogRotation.jsonFile(wrong(null))),
  // CronSchedule
  call("CronSchedule.expression('61 * * * *')", 'CronSchedule.expression', () => CronSchedule.expression('61 * * * *'), D6),
  call("CronSchedule.expression('* * * *') (4 fields)", 'CronSchedule.expression', () => CronSchedule.expression('* * * *')),
  call("CronSchedule.expression('*/0 * * * *')", 'CronSchedule.expression', () => CronSchedule.expression('*/0 * * * *')),
  call("CronSchedule.expression('0 3 * * MON')", 'CronSchedule.expression', () => CronSchedule.expression('0 3 * * MON')),
  call("CronSchedule.expression('5/10 * * * *')", 'CronSchedule.expression', () => CronSchedule.expression('5/10 * * * *')),
  call('CronSchedule.expression(undefined)', 'CronSchedule.expression', () => CronSchedule.expression(wrong(undefined))),
  call('CronSchedule.everyMinutes(0)', 'CronSchedule.everyMinutes', () => CronSchedule.everyMinutes(0)),
  call('CronSchedule.everyMinutes(60)', 'CronSchedule.everyMinutes', () => CronSchedule.everyMinutes(60)),
  call('CronSchedule.everyHours(24)', 'CronSchedule.everyHours', () => CronSchedule.everyHours(24)),
  call('CronSchedule.everyHours(1.5)', 'CronSchedule.everyHours', () => CronSchedule.everyHours(1.5)),
  call('CronSchedule.daily({ hour: 24 })', 'CronSchedule.daily', () => CronSchedule.daily({ hour: 24 })),
  call('CronSchedule.daily({ hour: 3, minute: 60 })', 'CronSchedule.daily', () => CronSchedule.daily({ hour: 3, minute: 60 })),
  call('CronSchedule.daily(undefined)', 'CronSchedule.daily', () => CronSchedule.daily(wrong(undefined))),
  // ContainerImage
  {
    name: 'ContainerImage.fromRegistry(undefined) used by a Service',
    class: 'value factories',
    expected: 'VALIDATION_ERROR',
    at: ['ContainerImage.fromRegistry', 'ContainerImage', 'shop/api'],
    source: D6,
    build: (kit) => void kit.service(kit.stack(), 'api', { image: ContainerImage.fromRegistry(wrong(undefined)) }),
  },
  call("ContainerImage.fromRegistry('')", 'ContainerImage.fromRegistry', () => ContainerImage.fromRegistry('')),
  call("ContainerImage.fromRegistry('Postgres:17')", 'ContainerImage.fromRegistry', () => ContainerImage.fromRegistry('Postgres:17')),
  call("ContainerImage.fromRegistry('postgres:17 ') (trailing blank)", 'ContainerImage.fromRegistry', () => ContainerImage.fromRegistry('postgres:17 ')),
  call("ContainerImage.fromRegistry('postgres:') (empty tag)", 'ContainerImage.fromRegistry', () => ContainerImage.fromRegistry('postgres:')),
  call("ContainerImage.fromRegistry('postgres@sha256:abc') (short digest)", 'ContainerImage.fromRegistry', () => ContainerImage.fromRegistry('postgres@sha256:abc')),
  call('ContainerImage.fromRegistry(42)', 'ContainerImage.fromRegistry', () => ContainerImage.fromRegistry(wrong(42))),
  call("ContainerImage.fromRegistry('example/app:1', { missingTools: 'curl' })", 'ContainerImage.fromRegistry', () =>
    ContainerImage.fromRegistry('example/app:1', { missingTools: wrong('curl') }),
  ),
  call("ContainerImage.fromBuild('/nonexistent', { tag: 'app:1' })", 'ContainerImage.fromBuild', () => ContainerImage.fromBuild('/nonexistent/cds-bad-inputs', { tag: 'app:1' })),
  {
    name: "ContainerImage.fromBuild(dir, { tag: 'app' }) (no tag)",
    class: 'value factories',
    expected: 'VALIDATION_ERROR',
    at: ['ContainerImage.fromBuild', 'ContainerImage'],
    build: (kit) => void ContainerImage.fromBuild(kit.directory({ Dockerfile: 'FROM scratch\n' }), { tag: 'app' }),
  },
  {
    name: 'ContainerImage.fromBuild(dir, undefined)',
    class: 'value factories',
    expected: 'VALIDATION_ERROR',
    at: ['ContainerImage.fromBuild', 'ContainerImage'],
    build: (kit) => void ContainerImage.fromBuild(kit.directory({ Dockerfile: 'FROM scratch\n' }), wrong(undefined)),
  },
  // HealthCheck and its options
  call('HealthCheck.command([])', 'HealthCheck.command', () => HealthCheck.command([])),
  call("HealthCheck.command([''])", 'HealthCheck.command', () => HealthCheck.command([''])),
  call("HealthCheck.command('pg_isready') (a string)", 'HealthCheck.command', () => HealthCheck.command(wrong('pg_isready'))),
  call('HealthCheck.command(undefined)', 'HealthCheck.command', () => HealthCheck.command(wrong(undefined))),
  call('HealthCheck.command([...], { interval: Duration.millis(500) })', 'HealthCheck.command', () => HealthCheck.command(['true'], { interval: Duration.millis(500) })),
  call('HealthCheck.command([...], { interval: Duration.hours(2) })', 'HealthCheck.command', () => HealthCheck.command(['true'], { interval: Duration.hours(2) })),
  call('HealthCheck.command([...], { timeout: Duration.minutes(11) })', 'HealthCheck.command', () => HealthCheck.command(['true'], { timeout: Duration.minutes(11) })),
  call('HealthCheck.command([...], { startPeriod: Duration.hours(2) })', 'HealthCheck.command', () => HealthCheck.command(['true'], { startPeriod: Duration.hours(2) })),
  call('HealthCheck.command([...], { retries: 0 })', 'HealthCheck.command', () => HealthCheck.command(['true'], { retries: 0 })),
  call('HealthCheck.command([...], { retries: 101 })', 'HealthCheck.command', () => HealthCheck.command(['true'], { retries: 101 })),
  call('HealthCheck.command([...], { retries: 2.5 })', 'HealthCheck.command', () => HealthCheck.command(['true'], { retries: 2.5 })),
  call('HealthCheck.command([...], { interval: 10 })', 'HealthCheck.command', () => HealthCheck.command(['true'], { interval: wrong(10) })),
  call("HealthCheck.httpGet('health', { port }) (no leading /)", 'HealthCheck.httpGet', () => HealthCheck.httpGet('health', { port: Port.tcp(8000) })),
  call("HealthCheck.httpGet('/he alth', { port })", 'HealthCheck.httpGet', () => HealthCheck.httpGet('/he alth', { port: Port.tcp(8000) })),
  call("HealthCheck.httpGet('/health', { port: 8000 })", 'HealthCheck.httpGet', () => HealthCheck.httpGet('/health', { port: wrong(8000) })),
  call("HealthCheck.httpGet('/health', undefined)", 'HealthCheck.httpGet', () => HealthCheck.httpGet('/health', wrong(undefined))),
  call("HealthCheck.httpGet('/health', { port, tool: 'nc' })", 'HealthCheck.httpGet', () => HealthCheck.httpGet('/health', { port: Port.tcp(8000), tool: wrong('nc') })),
  call('HealthCheck.tcp(port, { tool: ProbeTool.CURL })', 'HealthCheck.tcp', () => HealthCheck.tcp(Port.tcp(8000), { tool: ProbeTool.CURL })),
  call('HealthCheck.tcp(undefined)', 'HealthCheck.tcp', () => HealthCheck.tcp(wrong(undefined))),
  call("HealthCheck.shell('', [])", 'HealthCheck.shell', () => HealthCheck.shell('', [])),
  call("HealthCheck.shell('curl -f http://127.0.0.1/', 'curl') (tools as a string)", 'HealthCheck.shell', () => HealthCheck.shell('curl -f http://127.0.0.1/', wrong('curl'))),
  // Secret factories
  call("Secret.fromVariable('db-password')", 'Secret.fromVariable', () => Secret.fromVariable('db-password')),
  call("Secret.fromVariable('')", 'Secret.fromVariable', () => Secret.fromVariable('')),
  call('Secret.fromVariable(undefined)', 'Secret.fromVariable', () => Secret.fromVariable(wrong(undefined))),
  call('Secret.fromLiteral(undefined)', 'Secret.fromLiteral', () => Secret.fromLiteral(wrong(undefined))),
  call('Secret.fromLiteral(42)', 'Secret.fromLiteral', () => Secret.fromLiteral(wrong(42))),
  call("Secret.derived('url', 'not an array', render)", 'Secret.derived', () => Secret.derived('url', wrong('not an array'), (v) => v.join(''))),
  // AsgiServer: the PythonApi that runs it reports the bad option.
  server('AsgiServer.uvicorn({ workers: 0 })', () => AsgiServer.uvicorn({ workers: 0 })),
  server('AsgiServer.uvicorn({ workers: NaN })', () => AsgiServer.uvicorn({ workers: NaN })),
  server("AsgiServer.uvicorn({ workers: '4' })", () => AsgiServer.uvicorn({ workers: wrong('4') })),
  server('AsgiServer.gunicorn({ workers: 65 })', () => AsgiServer.gunicorn({ workers: 65 })),
  server('AsgiServer.gunicorn({ workers: 4, gracefulTimeout: Duration.millis(1500) })', () => AsgiServer.gunicorn({ workers: 4, gracefulTimeout: Duration.millis(1500) })),
  server("AsgiServer.gunicorn({ workers: 4, workerClass: 'not a class' })", () => AsgiServer.gunicorn({ workers: 4, workerClass: 'not a class' })),
  server('AsgiServer.gunicorn(undefined)', () => AsgiServer.gunicorn(wrong(undefined))),
];
