# syntax=docker/dockerfile:1
# One image for the six services and the entry point; the command picks which one runs:
#   docker build -t choice-sherpa:dev .
#   docker run choice-sherpa:dev node dist/apps/session-cycle/src/main.js
# docker-compose.yml and deploy/k8s set the command per container (test/deploy checks they name a built entry).

# The current Node.js LTS on Debian's slim base. Pinned to a patch release: bump it deliberately (and the digest,
# if your registry policy pins digests), never by a moving tag.
ARG NODE_IMAGE=node:26.10.0-trixie-slim

# Every dependency, from the lockfile only.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# Compile the services and libraries to dist/, and the web app to apps/web/dist (npm run build does both).
FROM deps AS build
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs libs
COPY apps apps
COPY hosts hosts
COPY scripts scripts
RUN npm run build

# Production dependencies only (no compilers, test runners or the embedded PostgreSQL of `npm start`).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM/SIGINT to node (whose handlers drain and exit) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and not writable by the service user: the process can change nothing it runs from. It writes only
# to /tmp (a tmpfs in compose, an emptyDir in Kubernetes, where the root filesystem is mounted read-only).
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
# Where the entry point serves the web app from (its WEB_DIR default, relative to /app).
COPY --from=build /src/apps/web/dist ./apps/web/dist
COPY package.json ./
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs
# The node image's unprivileged user, numeric so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000 3001 3002 3003 3004 3005 3006
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/session-cycle/src/main.js"]
