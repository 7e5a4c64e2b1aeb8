#!/bin/sh
# The keys of the docker demo, made once by compose's keys service before cms and hub start:
#   $HUB_KEYS      hub_ecdsa, hub_ecdsa.pub   the hub's SFTP key (owned by $HUB_UID, the hub image's user)
#                  known_hosts                the CMS's host key under $CMS_HOST_NAMES
#   $CMS_KEYS      ssh_host_ecdsa_key(.pub)   the CMS's host key: kept in a volume, so a re-created cms
#                                             container keeps it and strict host key checking holds
#                  authorized_keys/hub        the hub's public key (writes)
#                  authorized_keys/website    the website team's public key (reads only)
#   $WEBSITE_KEYS  website_ecdsa(.pub), known_hosts   the website team's read-only login
# and, if $CMS_PACKAGES is set, gives that folder to the CMS's hub user ($CMS_HUB_UID) so uploads are
# allowed. Whatever exists is kept: a second run changes nothing. POSIX sh; needs ssh-keygen.
set -eu

HUB_KEYS=${HUB_KEYS:-/keys/hub}
CMS_KEYS=${CMS_KEYS:-/keys/cms}
WEBSITE_KEYS=${WEBSITE_KEYS:-/keys/website}
CMS_PACKAGES=${CMS_PACKAGES:-}
# How the hub (service name cms, port 22) and the website team (the published port) name the CMS.
CMS_HOST_NAMES=${CMS_HOST_NAMES:-cms,[localhost]:2222,[127.0.0.1]:2222}
HUB_UID=${HUB_UID:-10001}
CMS_HUB_UID=${CMS_HUB_UID:-1001}

# Ownership can be given only by root (the container); a test run as another user keeps its own.
as_root=false
[ "$(id -u)" = 0 ] && as_root=true

# key <file> <comment>: an ECDSA P-256 key pair without passphrase (JSch and OpenSSH both take it).
key() {
    if [ ! -f "$1" ]; then
        ssh-keygen -q -t ecdsa -b 256 -N '' -C "$2" -f "$1"
        echo "已生成密钥 $1"
    fi
    if [ ! -f "$1.pub" ]; then
        ssh-keygen -y -f "$1" > "$1.pub"
    fi
    mode 600 "$1"
    mode 644 "$1.pub"
}

# write <file> <content>: only when the content differs, so a second run leaves the file untouched.
write() {
    if [ ! -f "$1" ] || [ "$(cat "$1")" != "$2" ]; then
        printf '%s\n' "$2" > "$1"
        echo "已写入 $1"
    fi
    mode 644 "$1"
}

mode() {
    [ "$(stat -c %a "$2")" = "$1" ] || chmod "$1" "$2"
}

owner() {
    if $as_root && [ "$(stat -c %u:%g "$2")" != "$1" ]; then
        chown "$1" "$2"
    fi
}

for dir in "$HUB_KEYS" "$CMS_KEYS" "$CMS_KEYS/authorized_keys" "$WEBSITE_KEYS"; do
    mkdir -p "$dir"
    mode 755 "$dir"
done

key "$CMS_KEYS/ssh_host_ecdsa_key" "budget-hub-cms"
key "$HUB_KEYS/hub_ecdsa" "budget-disclosure-hub"
key "$WEBSITE_KEYS/website_ecdsa" "website-team"
# The hub runs as $HUB_UID and must read its private key; sshd (root) reads the rest.
owner "$HUB_UID:$HUB_UID" "$HUB_KEYS/hub_ecdsa"

host_key=$(cut -d ' ' -f 1,2 "$CMS_KEYS/ssh_host_ecdsa_key.pub")
write "$HUB_KEYS/known_hosts" "$CMS_HOST_NAMES $host_key"
write "$WEBSITE_KEYS/known_hosts" "$CMS_HOST_NAMES $host_key"
write "$CMS_KEYS/authorized_keys/hub" "$(cat "$HUB_KEYS/hub_ecdsa.pub")"
write "$CMS_KEYS/authorized_keys/website" "$(cat "$WEBSITE_KEYS/website_ecdsa.pub")"

if [ -n "$CMS_PACKAGES" ]; then
    mkdir -p "$CMS_PACKAGES"
    owner "$CMS_HUB_UID:$CMS_HUB_UID" "$CMS_PACKAGES"
    mode 755 "$CMS_PACKAGES"
fi

echo "密钥就绪。CMS 主机密钥指纹：$(ssh-keygen -l -f "$CMS_KEYS/ssh_host_ecdsa_key.pub")"
