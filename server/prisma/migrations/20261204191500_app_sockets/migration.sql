-- Apps listen on Unix sockets (issue 10, "App ports can be hijacked"): a loopback port handed
-- out lowest-free per shard could be bound first by any tenant. No port is allocated any more.

-- Start commands stored with the port placeholder bind the app's socket instead: the runtimes'
-- former defaults become their Unix-socket forms, any other `{port}` becomes `{socket}`.
UPDATE "Webroot"
SET "runtimeConfig" = replace(
        replace(
            replace("runtimeConfig"::text, '"tcp://127.0.0.1:{port}"', '"unix://{socket}"'),
            '"127.0.0.1:{port}"',
            '"unix:{socket}"'
        ),
        '{port}',
        '{socket}'
    )::jsonb
WHERE "runtimeConfig"::text LIKE '%{port}%';

ALTER TABLE "Webroot" DROP COLUMN "appPort";
