#!/bin/sh
# hub_reader's password (10-hub-reader.sql), from HUB_READER_PASSWORD (docker/.env): never in a file of
# the repository. psql quotes the value (:'password'), so any character is safe.
if [ -z "${HUB_READER_PASSWORD:-}" ]; then
    echo "HUB_READER_PASSWORD 未设置：请把 docker/.env.example 复制为 docker/.env 并填写" >&2
    exit 1
fi
printf '%s\n' "ALTER ROLE hub_reader PASSWORD :'password';" \
    | psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$HUB_READER_PASSWORD"
