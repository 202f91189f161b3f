# The wizard in a container. Build: docker build -t creatio-identity-wizard .
# Run:   docker run -e WIZARD_ACCESS_PASSWORD='<a long passphrase>' -p 3000:3000 creatio-identity-wizard
# scripts/container-check.mjs performs these steps outside Docker (CI has no Docker engine): keep the
# two in step (it reads this file's runtime stage: ENV, COPY --from=build, CMD and HEALTHCHECK).

FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 WIZARD_CONTAINER=1 WIZARD_HOST=0.0.0.0 PORT=3000
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/creatio-identity-wizard.mjs"]
