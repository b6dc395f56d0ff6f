export * from './entity.ts';
export * from './envelopeSchema.ts';
export * from './validateEntity.ts';
export * from './entityRef.ts';
