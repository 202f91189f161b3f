#!/bin/sh
# Regenerates the TLS test certificates (test-only keys; they protect nothing).
# Used by lib/creatio/http.test.ts and lib/identity/probe.test.ts. Needs OpenSSL 3.
# Valid certificates run from 2000 to 2100 so that no machine clock makes them "not yet valid";
# `openssl ca` is the only OpenSSL 3.0 tool that sets explicit dates.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
from=20000101000000Z
until=21000101000000Z

mkdir -p "$work/db"
: >"$work/db/index.txt"
echo 1000 >"$work/db/serial"
cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $work/db
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
CNF

csr() { # name, subject
  openssl req $ec -keyout "$1.key" -out "$work/$1.csr" -subj "$2"
}
sign() { # name, start, end, extensions, extra args...
  name=$1 start=$2 end=$3 ext=$4
  shift 4
  printf '%s\n' "$ext" >"$work/$name.ext"
  openssl ca -batch -notext -config "$work/ca.cnf" -in "$work/$name.csr" -out "$name.pem" \
    -startdate "$start" -enddate "$end" -extfile "$work/$name.ext" "$@"
}
LEAF='basicConstraints=CA:FALSE
keyUsage=digitalSignature
extendedKeyUsage=serverAuth'

# A private certificate authority.
csr ca "/CN=Wizard test CA"
sign ca $from $until 'basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash' -selfsign -keyfile ca.key

# Signed by the CA, for 127.0.0.1 and localhost.
csr server "/CN=server"
sign server $from $until "subjectAltName=IP:127.0.0.1,DNS:localhost
$LEAF" -cert ca.pem -keyfile ca.key

# Signed by the CA, for another host name.
csr wronghost "/CN=wronghost"
sign wronghost $from $until "subjectAltName=DNS:wrong.example
$LEAF" -cert ca.pem -keyfile ca.key

# Signed by the CA, expired in 2020.
csr expired "/CN=expired"
sign expired 20200101000000Z 20200201000000Z "subjectAltName=IP:127.0.0.1,DNS:localhost
$LEAF" -cert ca.pem -keyfile ca.key

# Self-signed, for 127.0.0.1.
csr selfsigned "/CN=127.0.0.1"
sign selfsigned $from $until "subjectAltName=IP:127.0.0.1,DNS:localhost
$LEAF" -selfsign -keyfile selfsigned.key
