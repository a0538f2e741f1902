# One image for every service of the hub; docker-compose picks the service with the command.
FROM node:24-bookworm-slim AS build
WORKDIR /hub
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY platform platform
COPY gateway gateway
COPY subgraphs subgraphs
COPY schema schema
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /hub
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1
COPY --from=build /hub/package.json ./
COPY --from=build /hub/node_modules node_modules
COPY --from=build /hub/dist dist
COPY --from=build /hub/schema schema
USER node
CMD ["node", "dist/gateway/index.js"]
