export { Backend, selectFeatures, type BackendOptions } from './wiring/Backend.ts';
export { planStartup } from './wiring/startupPlan.ts';
export { loadConfig, mergeConfig, substituteEnv, configFilesFromArgv, type LoadedConfig } from './config/loadConfig.ts';
export { RootConfig } from './config/RootConfig.ts';
export { backendConfigSchema, type BackendConfig, type DatabaseConfig } from './config/backendConfigSchema.ts';
export { DatabaseManager } from './database/DatabaseManager.ts';
export { KnexScheduler } from './scheduler/KnexScheduler.ts';
export { schedulerMigrations } from './scheduler/schedulerMigrations.ts';
export { createRootLogger } from './logging/createRootLogger.ts';
export { StartupError } from './StartupError.ts';
export { GUEST_USER_REF } from './identity/GuestIdentity.ts';
export { UrlReader, type UrlReaderOptions } from './reading/UrlReader.ts';
export { listGithubOrgRepos, type GithubRepoSummary } from './reading/listGithubOrgRepos.ts';
export { GithubApi } from './reading/GithubApi.ts';
export { githubBlobUrl, parseGithubFileUrl, type GithubFileRef } from './reading/githubUrls.ts';
export {
  integrationsConfigSchema,
  readingConfigSchema,
  readGithubIntegrations,
  type GithubIntegration,
  type AllowEntry,
  type ReadingConfig,
} from './reading/readingConfig.ts';
