import type { BrandName } from '../private/brand';
import { hasBrand } from '../private/brand';
import { RuleService, StackRule } from './rule';

/** Kinds that hold data and trust their network: a database, a cache, a vector store, a model server. */
const DATA_KINDS: readonly { readonly brand: BrandName; readonly what: string }[] = [
  { brand: 'Postgres', what: 'database' },
  { brand: 'Redis', what: 'cache' },
  { brand: 'ChromaDb', what: 'vector store' },
  { brand: 'Ollama', what: 'model server' },
];
/** The same kinds run as a plain Service from their usual images, and their kin. */
const DATA_IMAGES = /(^|\/)(postgres|postgresql|postgis|mysql|mariadb|mongo|redis|valkey|memcached|chroma|ollama|elasticsearch|opensearch)([:@]|$)/;

function dataKind(service: RuleService): string | undefined {
  return DATA_KINDS.find((k) => hasBrand(service, k.brand))?.what ?? (DATA_IMAGES.test(service.image.reference) ? 'data store' : undefined);
}

/** A data store's port published beyond loopback. An advisory: a warning, never an error. */
export const dataPortPublic: StackRule = {
  id: 'CDS-DATA-PORT-PUBLIC',
  summary: 'A database, cache, vector store or model server publishes its ports on 127.0.0.1 only.',
  explanation:
    'Postgres, Redis, ChromaDB and Ollama are built to sit behind the services that use them: Redis and ChromaDB answer anyone by default, Ollama has no authentication at all, and a Postgres port on 0.0.0.0 is open to password guessing from every network the host is on. Seed 003 binds every port to 127.0.0.1. Services reach them over a stack network, which needs no published port. Kept as a warning because a deliberate, firewalled exposure exists (a replica on another host).',
  check({ services }) {
    return services.flatMap((s) => {
      const what = dataKind(s);
      if (what === undefined) return [];
      return s.ports
        .filter((p) => !p.hostIp.startsWith('127.'))
        .map((p) => ({
          ruleId: this.id,
          path: s.node.path,
          field: 'ports',
          value: `${p.hostIp}:${p.hostPort.number}/${p.hostPort.protocol}`,
          message: `the ${what}'s port is published beyond this host${p.hostIp === '0.0.0.0' ? ', on every interface' : ''}, so every machine that reaches the host reaches the ${what}`,
          fix: `publish it on 127.0.0.1 (drop public: true or hostIp), or do not publish it and reach ${s.node.id} over a stack network; if it must be exposed, firewall it and use strong credentials`,
        }));
    });
  },
};
