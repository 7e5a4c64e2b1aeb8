#!/bin/bash
# The hub container's health check: GET a health path (default /actuator/health/readiness: the hub
# serves and its own database answers) on this container's hub; healthy on 200 only.
# bash's /dev/tcp rather than curl: the JRE image has no HTTP client, and a JVM per check costs more
# than the answer. Port: $HUB_HEALTH_PORT, else $SERVER_PORT, else 8080.
path=${1:-/actuator/health/readiness}
port=${HUB_HEALTH_PORT:-${SERVER_PORT:-8080}}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || { echo "中枢没有应答 $path（5 秒内无响应或连接被断开）"; exit 1; }
case $status in
    "HTTP/1."[01]" 200"*) exit 0 ;;
esac
echo "中枢未就绪：$path 应答 ${status%$'\r'}"
exit 1
