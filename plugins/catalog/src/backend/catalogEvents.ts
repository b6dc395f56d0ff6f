import { defineEventTopic } from '@callboard/backend-plugin-api';
import { CATALOG_EVENTS, type CatalogEntityEvent } from '../common/events.ts';

export const entityAdded = defineEventTopic<CatalogEntityEvent>(CATALOG_EVENTS.entityAdded);
export const entityChanged = defineEventTopic<CatalogEntityEvent>(CATALOG_EVENTS.entityChanged);
export const entityRemoved = defineEventTopic<CatalogEntityEvent>(CATALOG_EVENTS.entityRemoved);
