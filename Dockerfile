# Build stage: every dependency to compile, then only the production ones are kept.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: the lock can't list every platform's optional binaries (README, design notes).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
COPY openapi ./openapi
RUN npm run build && npm prune --omit=dev

# Run stage: no compiler, no dev dependencies, files owned by root and run as the unprivileged `node` user.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
COPY config ./config
USER node
EXPOSE 3000
# Liveness: the process answers. Readiness (/api/v1/health) also needs PostgreSQL and Redis.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM stops the service within SHUTDOWN_TIMEOUT_MS (10 s); compose gives it 15 s before SIGKILL.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
