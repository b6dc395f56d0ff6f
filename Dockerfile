# Builds Callboard from this checkout; see docker-compose.yml.
FROM node:20-bookworm AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
RUN npm prune --omit=dev --no-audit --no-fund
EXPOSE 7007
CMD ["node", "packages/backend/dist/main.mjs", "--config", "app-config.production.yaml"]
