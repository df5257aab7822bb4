#!/bin/sh
# Generates the test-only CA and server certificate of the probe's TLS tests
# (testdata/probe/tls/): SAN 127.0.0.1 and localhost, valid for 100 years. Run once; the
# files are committed. They protect nothing: the key is public on purpose.
set -eu
dir=$(dirname "$0")/../testdata/probe/tls
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/CN=otalint test CA" \
  -keyout ca.key -out ca.pem -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:false\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > ext.cnf
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 36500 \
  -extfile ext.cnf -out server.pem 2>/dev/null
# A second, untrusted CA signs nothing: a client given it cannot verify server.pem.
openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/CN=otalint other CA" \
  -keyout other.key -out other-ca.pem 2>/dev/null
# What `openssl req -x509` makes for a test server: self-signed, and a CA certificate
# (CA:true) used as the server's own — rustls says CaUsedAsEndEntity.
openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/CN=127.0.0.1" \
  -keyout self-signed.key -out self-signed.pem \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
rm -f server.csr ext.cnf ca.srl ca.key other.key
