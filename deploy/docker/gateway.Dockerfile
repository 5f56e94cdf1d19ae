# syntax=docker/dockerfile:1
# The ATC Exchange gateway. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t atc-gateway .
# Runs as uid 10001 with its data under /var/lib/atc; "serve" unless told another command:
#   docker run --rm atc-gateway --help

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The npm the lockfile and the allowScripts list in package.json are made for.
RUN npm install -g npm@11.19.1
WORKDIR /src
# Manifests first, so that the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY node-agent/package.json node-agent/
COPY tests/package.json tests/
COPY harness/package.json harness/
COPY console/package.json console/
RUN npm ci
COPY . .
RUN npm run build
# Keep only what the gateway needs at run time: without the other workspaces in the
# manifest, prune drops their packages along with every dev dependency.
RUN node -e 'const fs = require("node:fs"); const p = JSON.parse(fs.readFileSync("package.json", "utf8")); p.workspaces = ["shared", "gateway"]; fs.writeFileSync("package.json", JSON.stringify(p, null, 2));' \
 && npm prune --omit=dev

FROM ${NODE_IMAGE}
# NODE_OPTIONS: GATEWAY_NODE_FLAGS (gateway/src/config/node-flags.ts; a test checks that both say
# the same). V8 collects the main thread's heap at about 1.4 times what it holds instead of up to
# four: about 100 MB less RSS, about 10% more CPU per message. Override it to choose otherwise.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=512 \
    ATC_DATA_DIR=/var/lib/atc \
    ATC_HTTP_LISTEN=0.0.0.0:8440
RUN groupadd --system --gid 10001 atc \
 && useradd --system --uid 10001 --gid atc --home-dir /var/lib/atc --shell /usr/sbin/nologin atc \
 && mkdir -p /var/lib/atc \
 && chown atc:atc /var/lib/atc \
 && chmod 0700 /var/lib/atc
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/shared/package.json ./shared/
COPY --from=build /src/shared/dist ./shared/dist
COPY --from=build /src/shared/generated ./shared/generated
COPY --from=build /src/gateway/package.json ./gateway/
COPY --from=build /src/gateway/dist ./gateway/dist
# The operator console's static files, served at /console/ (ATC_CONSOLE_DIR defaults to this folder).
COPY --from=build /src/console/dist ./console/dist
# Numeric, so that Kubernetes' runAsNonRoot can check it.
USER 10001:10001
VOLUME ["/var/lib/atc"]
EXPOSE 8440
# /healthz says the process serves requests. With HTTPS on, set ATC_HEALTHCHECK_URL to an
# https:// URL naming the container by a name in its certificate, and NODE_EXTRA_CA_CERTS to the CA.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.ATC_HEALTHCHECK_URL || 'http://127.0.0.1:8440/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/gateway/dist/cli/main.js"]
CMD ["serve"]
