#!/usr/bin/env bash
# Regenerates crates/tug-kube-proto/tests/data/kubectl/: for each `kubectl create ...` command,
# the protobuf request body the real kubectl (tools/oracle) POSTs to a capturing HTTP server
# (<name>.pb) and the object kubectl prints for the same command with --dry-run=client -o json
# (<name>.json). The decode of each .pb must equal its .json.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/crates/tug-kube-proto/tests/data/kubectl"
K="$("$root/tools/oracle/install.sh" 2>/dev/null)/kubectl"
mkdir -p "$out"
tmp="$(mktemp -d)"
port=18779
cat > "$tmp/srv.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        self.send_response(404); self.send_header("Content-Type", "application/json"); self.end_headers()
        self.wfile.write(b'{"kind":"Status","apiVersion":"v1","status":"Failure","code":404}')
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with open(sys.argv[2], "wb") as f:
            f.write(body)
        self.send_response(201); self.send_header("Content-Type", "application/json"); self.end_headers()
        self.wfile.write(b'{"kind":"Status","apiVersion":"v1","status":"Success"}')
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$tmp/srv.py" "$port" "$tmp/body" & srv=$!
trap 'kill $srv; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break; sleep 0.2; done
capture() {
  local name="$1"; shift
  rm -f "$tmp/body"
  "$K" --server="http://127.0.0.1:$port" "$@" >/dev/null 2>&1 || true
  [ -s "$tmp/body" ] || { echo "skipped $name: kubectl sent no body (it needs discovery)" >&2; return 0; }
  cp "$tmp/body" "$out/$name.pb"
  "$K" --dry-run=client -o json "$@" > "$out/$name.json"
}
capture namespace create namespace demo-ns
capture configmap create configmap cm1 -n default --from-literal=a=1 --from-literal=b=two
capture secret create secret generic s1 -n default --from-literal=password=hunter2 --type=Opaque
capture secret-docker-registry create secret docker-registry reg -n default --docker-server=r.example --docker-username=u --docker-password=p
capture service create service clusterip web -n default --tcp=80:8080 --tcp=443:https
capture deployment create deployment web -n default --image=nginx:1.27 --replicas=0 --port=80
capture job create job j1 -n default --image=busybox -- echo hi
capture cronjob create cronjob c1 -n default --image=busybox --schedule="*/5 * * * *" -- date
capture clusterrolebinding create clusterrolebinding b1 --clusterrole=view --user=alice --group=devs
capture priorityclass create priorityclass high --value=1000 --global-default=false --description=important
capture quota create quota q1 -n default --hard=cpu=1,memory=1Gi,pods=10
capture pdb create poddisruptionbudget p1 -n default --selector=app=web --min-available=50%
capture ingress create ingress i1 -n default --class=nginx --rule="foo.example/bar*=svc1:8080,tls=my-cert"
capture serviceaccount create serviceaccount sa1 -n default
ls "$out" | wc -l
