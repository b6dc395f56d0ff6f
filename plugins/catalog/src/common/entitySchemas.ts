import { z } from 'zod';
import type { Entity } from '@callboard/catalog-model';

/** Loose on purpose: stored entities were validated on the way in. */
export const storedEntitySchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    etag: z.string().optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    links: z.array(z.looseObject({ url: z.string(), title: z.string().optional() })).optional(),
  }),
  spec: z.record(z.string(), z.unknown()).optional(),
  relations: z.array(z.object({ type: z.string(), targetRef: z.string() })).optional(),
}) as unknown as z.ZodType<Entity>;
