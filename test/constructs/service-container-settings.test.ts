import * as path from 'path';
import { Capability, ContainerImage, Cpu, Duration, HealthCheck, LogRotation, Port, Secret, Service, Size } from '../../constructs';
import { SERVICE_LABELS } from '../../constructs/service';
import { container, newStack, synth } from '../support/synth';

// The read-only views exporters use (toCompose): Service.containerSettings, Secret.variableName
// and renderWith, ContainerImage.buildContext. Each is checked against what the stack
// synthesizes, so a view cannot drift from the rendering.
const image = ContainerImage.fromRegistry('example/app:1.2.3');
const health = HealthCheck.httpGet('/health', { port: Port.tcp(8000) });

describe('Service.containerSettings', () => {
  test('given only an image and a health check, returns the defaults the container is rendered with', () => {
    const stack = newStack('shop');
    const service = new Service(stack, 'api', { image, healthCheck: health });

    const settings = service.containerSettings;
    const c = container(synth(stack), 'shop-api');

    expect({
      command: settings.command,
      entrypoint: settings.entrypoint,
      user: settings.user,
      workingDir: settings.workingDir,
      init: settings.init,
      cpus: settings.cpuLimit.toProviderString(),
      memory: settings.memoryLimit.toMebibytes(),
      memoryReservation: settings.memoryReservation,
      shmSize: settings.shmSize,
      logging: settings.logging.render(),
      readOnly: settings.readOnlyRootFilesystem,
      tmpfs: settings.tmpfs,
      capabilities: settings.capabilities,
      securityOptions: settings.securityOptions,
      stopGrace: settings.stopGracePeriod.toSecondsCeil(),
      stopSignal: settings.stopSignal,
      replicas: settings.replicas,
    }).toEqual({
      command: undefined,
      entrypoint: undefined,
      user: undefined,
      workingDir: undefined,
      init: false,
      cpus: c.cpus,
      memory: c.memory,
      memoryReservation: undefined,
      shmSize: undefined,
      logging: { driver: c.log_driver, options: c.log_opts },
      readOnly: c.read_only,
      tmpfs: {},
      capabilities: [],
      securityOptions: c.security_opts,
      stopGrace: c.stop_timeout,
      stopSignal: undefined,
      replicas: 1,
    });
  });

  test('given every setting, returns them as the container is rendered with them, labels included', () => {
    const stack = newStack('shop');
    const service = new Service(stack, 'api', {
      image,
      healthCheck: health,
      command: ['serve', '--port', '8000'],
      entrypoint: ['/entry.sh'],
      user: '1000:1000',
      workingDir: '/srv',
      init: true,
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(256),
      memoryReservation: Size.mebibytes(128),
      shmSize: Size.mebibytes(64),
      logging: LogRotation.jsonFile({ maxSize: Size.mebibytes(5), maxFiles: 2 }),
      readOnlyRootFilesystem: true,
      tmpfs: { '/tmp': Size.mebibytes(16) },
      capabilities: [Capability.NET_BIND_SERVICE],
      labels: { team: 'shop' },
      stopGracePeriod: Duration.seconds(20),
      stopSignal: 'SIGINT',
      replicas: 2,
    });

    const settings = service.containerSettings;
    const c = container(synth(stack), 'shop-api-1');

    expect({
      command: settings.command,
      entrypoint: settings.entrypoint,
      user: settings.user,
      workingDir: settings.workingDir,
      init: settings.init,
      cpus: settings.cpuLimit.toProviderString(),
      memory: settings.memoryLimit.toMebibytes(),
      memoryReservation: settings.memoryReservation?.toMebibytes(),
      shmSize: settings.shmSize?.toMebibytes(),
      logOpts: settings.logging.render().options,
      readOnly: settings.readOnlyRootFilesystem,
      tmpfs: Object.fromEntries(Object.entries(settings.tmpfs).map(([p, s]) => [p, `size=${s.toBytes()}`])),
      capabilities: settings.capabilities,
      labels: Object.entries(settings.labels)
        .map(([label, value]) => ({ label, value }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      stopGrace: settings.stopGracePeriod.toSecondsCeil(),
      stopSignal: settings.stopSignal,
      replicas: settings.replicas,
    }).toEqual({
      command: c.command,
      entrypoint: c.entrypoint,
      user: c.user,
      workingDir: c.working_dir,
      init: c.init,
      cpus: c.cpus,
      memory: c.memory,
      memoryReservation: c.memory_reservation,
      shmSize: c.shm_size,
      logOpts: c.log_opts,
      readOnly: c.read_only,
      tmpfs: c.tmpfs,
      capabilities: (c.capabilities as { add: string[] }).add,
      labels: c.labels,
      stopGrace: c.stop_timeout,
      stopSignal: c.stop_signal,
      replicas: 2,
    });
    expect(settings.labels).toMatchObject({ team: 'shop', [SERVICE_LABELS.stack]: 'shop', [SERVICE_LABELS.service]: 'api' });
  });
});

describe('Secret.variableName and renderWith', () => {
  test('a variable secret names its variable; a literal, a generated and a derived one none', () => {
    expect(Secret.fromVariable('shop_db_password').variableName).toBe('shop_db_password');
    expect(Secret.fromLiteral('x'.repeat(20)).variableName).toBeUndefined();
    expect(Secret.derived('url', [Secret.fromVariable('a_b')], ([v]) => `u:${v}`).variableName).toBeUndefined();
  });

  test('renderWith replaces each part of a derived secret, nested ones included, and never reads a value', () => {
    const password = Secret.fromVariable('shop_db_password');
    const key = Secret.fromLiteral('literal-key-value');
    const inner = Secret.derived('inner', [password], ([p]) => `<${p}>`);
    const outer = Secret.derived('outer', [inner, key], ([i, k]) => `${i}|${k}`);

    expect(outer.renderWith((leaf) => (leaf.variableName ? `VAR(${leaf.variableName})` : 'OTHER'))).toBe('<VAR(shop_db_password)>|OTHER');
    expect(password.renderWith(() => 'SELF')).toBe('SELF');
  });
});

describe('ContainerImage.buildContext', () => {
  test('an image built from a directory gives its absolute context, Dockerfile and arguments; a registry image none', () => {
    const context = path.resolve(__dirname, '..', '..', 'examples', 'demo-app');
    const built = ContainerImage.fromBuild(path.relative(process.cwd(), context), { tag: 'demo:1', buildArgs: { A: '1' } });

    expect(built.buildContext).toEqual({ context, dockerfile: 'Dockerfile', buildArgs: { A: '1' } });
    expect(image.buildContext).toBeUndefined();
  });
});
