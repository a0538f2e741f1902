# One image for every service of the hub; docker-compose picks the service with the command.
FROM node:24-bookworm-slim AS build
WORKDIR /hub
COPY package.json package-lock.json ./
# The workspaces (README "The kernel as a package") before npm ci, which links them under node_modules/.
COPY subgraphs/kernel/package.json subgraphs/kernel/package-entry.js subgraphs/kernel/
COPY partners-contrib partners-contrib
RUN npm ci --no-audit --no-fund
# README.md: the explorer preloads its example operations, read when the bundle is built.
COPY tsconfig.json README.md ./
COPY platform platform
COPY gateway gateway
COPY subgraphs subgraphs
COPY schema schema
COPY scripts scripts
# The reference dashboard's sources (built into dist/dashboard/) and its persisted-operation manifest.
COPY dashboard dashboard
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /hub
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
COPY --from=build /hub/package.json ./
COPY --from=build /hub/node_modules node_modules
# What the workspace link node_modules/@hub/kernel leads to: the package's run-time entry, which loads dist/.
COPY --from=build /hub/subgraphs/kernel/package.json /hub/subgraphs/kernel/package-entry.js subgraphs/kernel/
COPY --from=build /hub/dist dist
COPY --from=build /hub/schema schema
# The gateway's default PERSISTED_OPERATIONS: the dashboard's trusted documents.
COPY --from=build /hub/dashboard/persisted-documents.json dashboard/
USER node
CMD ["node", "dist/gateway/index.js"]
