#!/bin/sh
# Regenerates the TLS test certificates (test-only keys; they protect nothing).
# Used by lib/creatio/tls.test.ts. Needs OpenSSL 3. Valid certificates last 100 years.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
days=36500

# A private certificate authority.
openssl req -x509 $ec -keyout ca.key -out ca.pem -days $days -subj "/CN=Wizard test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

leaf() { # name, subjectAltName
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' "$2" >"$work/$1.ext"
  openssl req $ec -keyout "$1.key" -out "$work/$1.csr" -subj "/CN=$1"
}

# Signed by the CA, for 127.0.0.1 and localhost.
leaf server "IP:127.0.0.1,DNS:localhost"
openssl x509 -req -in "$work/server.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days $days -extfile "$work/server.ext"

# Signed by the CA, for another host name.
leaf wronghost "DNS:wrong.example"
openssl x509 -req -in "$work/wronghost.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out wronghost.pem -days $days -extfile "$work/wronghost.ext"

# Self-signed, for 127.0.0.1.
openssl req -x509 $ec -keyout selfsigned.key -out selfsigned.pem -days $days -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"

# Signed by the CA, expired in 2020 (openssl ca is the only 3.0 tool that sets past dates).
leaf expired "IP:127.0.0.1,DNS:localhost"
mkdir -p "$work/ca"
: >"$work/ca/index.txt"
echo 1000 >"$work/ca/serial"
cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $work/ca
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = any
copy_extensions = none
[any]
commonName = supplied
CNF
openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile ca.key -in "$work/expired.csr" -out expired.pem \
  -startdate 20200101000000Z -enddate 20200201000000Z -extfile "$work/expired.ext" -notext
rm -f ca.srl
