# syntax=docker/dockerfile:1
# The platform's image (README "Production"): one node, configured by the environment variables of
# the README's configuration table. Built from the repository root:
#   docker build -t zst-platform .

# Build: the app module and the modules it depends on, tests left to CI (./mvnw -B verify).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Every module of the parent pom, axon-server included: Maven reads each listed module's pom
# even when -pl builds only some of them.
COPY domain-core domain-core
COPY command-side command-side
COPY projections projections
COPY query-side query-side
COPY axon-server axon-server
COPY app app
# The local repository in a build cache: a source change does not download the dependencies again.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package -pl app -am \
    && cp app/target/app-*.jar /tmp/app.jar
# Spring Boot 3.5's tools jar mode (3.3+; the older -Djarmode=layertools is deprecated): one folder
# per layer, each holding its part of the jar's tree and, with --launcher, the loader that runs it.
RUN java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:21-jre
# A system user of its own: the node needs no privilege (its ports are above 1024). Its data folder
# (local media storage when no R2 bucket is configured) belongs to it, so a volume mounted there
# starts out writable.
RUN groupadd --system --gid 10001 zst \
    && useradd --system --uid 10001 --gid zst --home-dir /app --no-create-home --shell /usr/sbin/nologin zst \
    && mkdir -p /var/lib/zst \
    && chown zst:zst /var/lib/zst
WORKDIR /app
# Least to most often changed, so that a new build of the code replaces only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER zst

ENV PORT=3000 \
    REALTIME_PORT=3001 \
    MANAGEMENT_PORT=3002 \
    ZST_DATA_DIR=/var/lib/zst
# The options every server bench runs the nodes with (bench/b2b.sh, realtime.sh, messages.sh,
# dashboard.sh, new-offer.sh: -Xms1g -Xmx1g -XX:MaxGCPauseMillis=20):
# - a 1 GB heap, fixed: 10,000 idle signed-in sockets left 111 MB of heap after a full GC (bench/README,
#   issue 4, 2026-11-25 03:38) and each node of the closing wave of 10,000 auctions ran in 1 GB
#   (2026-12-06); committed at start (-Xms) so the node does not grow it under load. The process
#   needs more than its heap: RSS peaked at 1,460 MB (fan-out to 5,000 sockets; see compose.yml's
#   mem_limit). A node serving mostly the catalog runs as fast with 512 MB, in an RSS of 904 MB under
#   1,000 connections (bench/README, signed-in catalog 2026-12-06 15:05): set JAVA_TOOL_OPTIONS so.
# - G1's pause goal at 20 ms: with the default 200 ms, young collections of the 1 GB heap took
#   28-180 ms and every push in flight waited for them; with 20 ms they took 8-14 ms, fan-out p99
#   138.0 -> 112.4 ms (bench/README, fan-out 2026-11-25 03:06 and 03:14).
# JAVA_TOOL_OPTIONS, read by the JVM itself, so the exec-form entrypoint below needs no shell.
ENV JAVA_TOOL_OPTIONS="-Xms1g -Xmx1g -XX:MaxGCPauseMillis=20"

# PORT: REST API; REALTIME_PORT: Socket.IO; MANAGEMENT_PORT: metrics and probes (keep it private).
EXPOSE 3000 3001 3002

# 503 while the node starts (read models catching up) or has lost its database: unhealthy then.
# The start period covers Flyway and the catch-up of a large event store.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null --max-time 4 "http://127.0.0.1:${PORT}/api/health" || exit 1

# The JVM is PID 1, so SIGTERM (docker stop, a rolling deploy) reaches it and starts the graceful
# shutdown (README "Production").
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
