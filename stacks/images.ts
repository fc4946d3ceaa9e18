import * as path from 'path';
import { ContainerImage, ProbeTool } from '../constructs';
import { ImageKey, ImageProfile, StacksConfig } from './config';

/** Pinned public images, one per key. */
export const OFFICIAL_IMAGES: Readonly<Record<Exclude<ImageKey, 'app'>, string>> = {
  postgres: 'postgres:17-alpine',
  postgres16: 'postgres:16-alpine',
  redis: 'redis:7.4-alpine',
  nginx: 'nginx:1.27-alpine',
  chroma: 'chromadb/chroma:1.0.15',
  ollama: 'ollama/ollama:0.6.5',
};

/** The images scripts/images.sh builds from Debian packages, for engines without a registry. */
export const LOCAL_IMAGES: Readonly<Record<ImageKey, string>> = {
  postgres: 'cds-local/postgres:15',
  postgres16: 'cds-local/postgres:15',
  redis: 'cds-local/redis:7',
  nginx: 'cds-local/nginx:1',
  chroma: 'cds-local/chroma-standin:1',
  ollama: 'cds-local/ollama-standin:1',
  app: 'cds-local/demo-app:1',
};

/** Where the demo stand-in for the seeds' own application images is built from. */
export const DEMO_APP_CONTEXT = path.resolve(__dirname, '..', 'examples', 'demo-app');

/** The images a stack is written against, and what differs between the profiles' images. */
export interface StackImages {
  readonly profile: ImageProfile;
  image(key: ImageKey): ContainerImage;
  /** The official nginx image has busybox wget; the local Debian one has only bash. */
  readonly nginxProbe: ProbeTool;
  /** The official Postgres image is Alpine (busybox crond); the local one is Debian (cron). */
  readonly debianBased: boolean;
}

export function resolveImages(config: StacksConfig): StackImages {
  const profile = config.imageProfile ?? 'official';
  const overrides = config.images ?? {};
  const cache = new Map<ImageKey, ContainerImage>();
  return {
    profile,
    nginxProbe: profile === 'local' ? ProbeTool.BASH : ProbeTool.WGET,
    debianBased: profile === 'local',
    image(key: ImageKey): ContainerImage {
      let image = cache.get(key);
      if (!image) {
        const override = overrides[key];
        if (override) image = ContainerImage.fromRegistry(override);
        else if (profile === 'local') image = ContainerImage.fromRegistry(LOCAL_IMAGES[key]);
        else if (key === 'app') image = ContainerImage.fromBuild(DEMO_APP_CONTEXT, { tag: 'cds-demo-app:0.1.0' });
        else image = ContainerImage.fromRegistry(OFFICIAL_IMAGES[key]);
        cache.set(key, image);
      }
      return image;
    },
  };
}
