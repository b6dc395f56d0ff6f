import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import compression from 'compression';
import { NotFoundError, ServiceUnavailableError } from '@callboard/common';
import type { LoggerService } from '@callboard/backend-plugin-api';
import { createErrorHandler } from './errorHandler.ts';

export interface PluginMount {
  pluginId: string;
  router: Router;
  isReady(): boolean;
}

export interface HttpAppOptions {
  logger: LoggerService;
  /** Read per request, so plugins can mount while the server already answers /healthz. */
  mounts: ReadonlyMap<string, PluginMount>;
  isReady(): boolean;
  /** The built single-page app; served with an index.html fallback when present. */
  appDistDir?: string;
  bodyLimit?: string;
}

function requestLogger(logger: LoggerService): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const quiet = request.path === '/healthz' || request.path === '/readyz' || request.path.startsWith('/assets/');
      const record = { method: request.method, url: request.originalUrl, status: response.statusCode, ms: Math.round(ms * 10) / 10 };
      if (quiet) logger.debug(record, 'request');
      else logger.info(record, `${request.method} ${request.originalUrl} ${response.statusCode}`);
    });
    next();
  };
}

export function createHttpApp(options: HttpAppOptions): Express {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // MUI's emotion injects <style> tags at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // The app's files are compressed; API answers are not: they are small, often
  // served on a LAN or behind a proxy that compresses, and gzip per request
  // was the largest single cost of the catalog's hottest endpoints.
  app.use(compression({ filter: (req, res) => !req.path.startsWith('/api/') && compression.filter(req, res) }));
  app.use(requestLogger(logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (options.isReady()) res.json({ status: 'ready' });
    else res.status(503).setHeader('Retry-After', '1').json({ status: 'starting' });
  });

  const api = express.Router();
  api.use(express.json({ limit: options.bodyLimit ?? '1mb' }));
  api.use('/:pluginId', (request, response, next) => {
    const mount = options.mounts.get(String(request.params.pluginId));
    if (!mount) return next();
    if (!mount.isReady()) throw new ServiceUnavailableError(`Plugin '${mount.pluginId}' is still starting`);
    mount.router(request, response, next);
  });
  api.use((request) => {
    throw new NotFoundError(`No API route for ${request.method} ${request.originalUrl}`);
  });
  app.use('/api', api);

  const dist = options.appDistDir;
  const indexFile = dist ? path.join(dist, 'index.html') : undefined;
  if (dist && indexFile && fs.existsSync(indexFile)) {
    app.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    app.use(express.static(dist, { index: false }));
    const indexHtml = fs.readFileSync(indexFile, 'utf8');
    app.use((request, response, next) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.type('html').send(indexHtml);
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('The Callboard web app is not built. Run `npm run build` (or `npm start`, which builds it), then reload.');
    });
  }

  app.use((request) => {
    throw new NotFoundError(`Nothing at ${request.method} ${request.originalUrl}`);
  });
  app.use(createErrorHandler(logger));
  return app;
}
