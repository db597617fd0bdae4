# Scenarios for run.sh (sourced): each `check` is one bounded scenario against the server.
# shellcheck shell=bash
m="$work/m"; mkdir -p "$m"; export m

check "version" '$K version | grep -q "Server Version: v1.37"'
check "authentication: anonymous refused, bearer token and client cert accepted" '
  server=$($K config view --minify -o jsonpath="{.clusters[0].cluster.server}")
  $K config view --raw --minify -o jsonpath="{.clusters[0].cluster.certificate-authority-data}" | base64 -d >ca.crt
  code=$(curl -s -o /dev/null -w "%{http_code}" --cacert ca.crt "$server/version")
  [ "$code" = 401 ]
  curl -sf --cacert ca.crt -H "Authorization: Bearer $(cat "$data/pki/token")" "$server/api/v1/namespaces" | grep -q NamespaceList
  $K get ns default -o name | grep -qx namespace/default'
check "api-resources with a fresh cache" '
  out=$($K api-resources --cache-dir "$work/fresh-cache")
  echo "$out" | grep -Eq "^deployments +deploy +apps/v1 +true +Deployment"
  echo "$out" | grep -Eq "^namespaces +ns +v1 +false +Namespace"'
check "namespaces and AlreadyExists" '
  $K create ns team-a | grep -q "namespace/team-a created"
  fails $K create ns team-a 2>err.txt
  grep -q "Error from server (AlreadyExists): namespaces \"team-a\" already exists" err.txt
  $K get ns team-a -o jsonpath="{.status.phase}" | grep -q Active'
check "configmap and secret by kubectl create (protobuf)" '
  $K create configmap cfg --from-literal=a=1 --from-literal=b=2 -n team-a
  $K get cm cfg -n team-a -o jsonpath="{.data.b}" | grep -qx 2
  $K create secret generic sec --from-literal=password=hunter2 -n team-a
  $K get secret sec -n team-a -o jsonpath="{.data.password}" | base64 -d | grep -qx hunter2
  $K get cm -n team-a | grep -Eq "^cfg +2 "'
check "NotFound error text" '
  fails $K get deploy nope 2>err.txt
  grep -q "Error from server (NotFound): deployments.apps \"nope\" not found" err.txt'
check "Invalid error text" '
  printf "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n" >"$m/bad.yaml"
  fails $K create -f "$m/bad.yaml" 2>err.txt
  grep -q "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain" err.txt'

cat >"$m/web.yaml" <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        env:
        - {name: MODE, value: blue}
        - {name: DEBUG, value: "0"}
Y
check "client-side apply: created, configured, unchanged" '
  $K apply -f "$m/web.yaml" | grep -q "deployment.apps/web created"
  sed "s/nginx:1.27/nginx:1.28/; s/blue/green/" "$m/web.yaml" >"$m/web2.yaml"
  $K apply -f "$m/web2.yaml" | grep -q "deployment.apps/web configured"
  $K apply -f "$m/web2.yaml" | grep -q "deployment.apps/web unchanged"
  j=$($K get deploy web -o json)
  echo "$j" | grep -q "\"image\": \"nginx:1.28\""
  echo "$j" | grep -q "\"value\": \"green\""
  echo "$j" | grep -q "kubectl.kubernetes.io/last-applied-configuration"'
check "kubectl diff exits 1 on a change and 0 without" '
  $K diff -f "$m/web2.yaml"
  set +e; $K diff -f "$m/web.yaml" >diff.txt; rc=$?; set -e
  [ "$rc" = 1 ]; grep -q "nginx:1.27" diff.txt'
check "delete -f then NotFound" '
  $K delete -f "$m/web2.yaml" | grep -q "deployment.apps \"web\" deleted"
  fails $K get deploy web 2>err.txt; grep -q "NotFound" err.txt'

cat >"$m/api.yaml" <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: app
        image: busybox
        env:
        - {name: KEEP, value: "1"}
        - {name: DROP, value: "1"}
Y
check "server-side apply: managedFields, scale conflict, force, dropped env var" '
  $K apply --server-side -f "$m/api.yaml" | grep -q "serverside-applied"
  $K get deploy api -o jsonpath="{.metadata.managedFields[*].manager}" | grep -qw kubectl
  $K scale deploy api --replicas=5
  fails $K apply --server-side -f "$m/api.yaml" 2>err.txt
  grep -q "conflict" err.txt; grep -q ".spec.replicas" err.txt
  $K apply --server-side --force-conflicts -f "$m/api.yaml"
  $K get deploy api -o jsonpath="{.spec.replicas}" | grep -qx 2
  grep -v "DROP" "$m/api.yaml" >"$m/api2.yaml"
  $K apply --server-side -f "$m/api2.yaml"
  env=$($K get deploy api -o jsonpath="{.spec.template.spec.containers[0].env[*].name}")
  [ "$env" = "KEEP" ]'
check "merge, json and strategic patches" '
  $K patch deploy api --type=merge -p "{\"metadata\":{\"labels\":{\"tier\":\"backend\"}}}"
  $K get deploy api -o jsonpath="{.metadata.labels.tier}" | grep -qx backend
  $K patch deploy api --type=json -p "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]"
  $K get deploy api -o jsonpath="{.spec.replicas}" | grep -qx 3
  $K patch deploy api -p "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"busybox\"}]}}}}"
  $K get deploy api -o jsonpath="{.spec.template.spec.containers[*].name}" | grep -qx "app side"'
check "waits: condition Available, rollout status, job complete" '
  $K wait --for=condition=Available deploy/api --timeout=20s
  $K rollout status deploy/api --timeout=20s | grep -q "successfully rolled out"
  $K create job once --image=busybox
  $K wait --for=condition=complete job/once --timeout=20s
  $K wait --for=jsonpath="{.status.readyReplicas}"=3 deploy/api --timeout=20s'
check "deployment pods: Running, rollout to a new ReplicaSet, cascade on delete" '
  $K create deployment hello --image=nginx --replicas=2
  [ "$($K get pods -l app=hello | grep -Ec "1/1 +Running")" = 2 ]
  $K set image deploy/hello nginx=nginx:2
  [ "$($K get rs -l app=hello -o name | wc -l)" = 2 ]
  $K rollout status deploy/hello --timeout=20s
  $K logs deploy/hello | grep -q "simulated"
  $K describe deploy hello | grep -q "Replicas:"
  $K delete deploy hello
  [ -z "$($K get rs,pods -l app=hello -o name)" ]
  $K create deployment orph --image=nginx
  $K delete deploy orph --cascade=orphan
  $K get rs -l app=orph -o name | grep -q "replicaset.apps/orph-"
  p=$($K get pods -l app=orph -o name | head -n1)
  fails $K exec "$p" -- ls 2>err.txt; cat err.txt; grep -q "not supported by the tug local cluster" err.txt'
check "label and field selectors" '
  $K create cm sel-a -n team-a; $K label cm sel-a -n team-a color=red
  $K create cm sel-b -n team-a; $K label cm sel-b -n team-a color=blue
  [ "$($K get cm -n team-a -l color=red -o name)" = "configmap/sel-a" ]
  [ "$($K get cm -n team-a -l "color in (red,blue)" -o name | wc -l)" = 2 ]
  [ "$($K get cm -n team-a -l "color!=red,color" -o name)" = "configmap/sel-b" ]
  [ "$($K get cm -n team-a --field-selector metadata.name=sel-b -o name)" = "configmap/sel-b" ]
  fails $K get cm -n team-a --field-selector spec.nope=1 2>err.txt; grep -q "field label not supported" err.txt'
check "get -w shows changes" '
  ($K get cm -n team-a -w --request-timeout=6s >watch.txt 2>&1 &) ; sleep 2
  $K create cm watched -n team-a; sleep 2
  grep -q "^watched " watch.txt'
check "generateName" '
  printf "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: gen-\n" >"$m/gen.yaml"
  n=$($K create -f "$m/gen.yaml" -o name)
  echo "$n" | grep -Eq "^configmap/gen-[a-z0-9]{5}$"'
check "finalizers block deletion until removed" '
  printf "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fin\n  finalizers: [example.com/keep]\n" >"$m/fin.yaml"
  $K apply -f "$m/fin.yaml"
  $K delete cm fin --wait=false
  $K get cm fin -o jsonpath="{.metadata.deletionTimestamp}" | grep -q T
  $K patch cm fin --type=merge -p "{\"metadata\":{\"finalizers\":null}}"
  fails $K get cm fin 2>/dev/null'

cat >"$m/crd.yaml" <<'Y'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
Y
check "CRD and custom resources" '
  $K apply -f "$m/crd.yaml"
  $K wait --for=condition=Established crd/widgets.example.com --timeout=10s
  printf "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n" | $K apply -f -
  $K get wd w1 -o jsonpath="{.spec.size}" | grep -qx 3
  $K get widgets | grep -Eq "^w1 +3"
  printf "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\nspec: {size: big}\n" >"$m/w2.yaml"
  fails $K apply -f "$m/w2.yaml" 2>err.txt
  grep -q "Invalid" err.txt'
check "auth can-i and whoami" '
  $K auth can-i create deployments | grep -qx yes
  $K auth whoami | grep -q admin'

check "delete namespace removes its objects; wait --for=delete" '
  $K create ns doomed; $K create cm inside -n doomed
  $K delete ns doomed --wait=false
  $K wait --for=delete ns/doomed --timeout=10s
  fails $K get cm inside -n doomed 2>/dev/null'
check "watch from an old resourceVersion resumes" '
  rv=$($K get cm cfg -n team-a -o jsonpath="{.metadata.resourceVersion}")
  $K patch cm cfg -n team-a --type=merge -p "{\"data\":{\"c\":\"3\"}}"
  $K get --raw "/api/v1/namespaces/team-a/configmaps?watch=true&resourceVersion=$rv&timeoutSeconds=1" | grep -q "\"type\":\"MODIFIED\""'

mkdir -p "$m/chart/templates"
cat >"$m/chart/Chart.yaml" <<'Y'
apiVersion: v2
name: demo
version: 0.1.0
Y
cat >"$m/chart/values.yaml" <<'Y'
extra: true
greeting: hello
Y
cat >"$m/chart/templates/cm.yaml" <<'Y'
apiVersion: v1
kind: ConfigMap
metadata: {name: demo-config}
data:
  greeting: {{ .Values.greeting | quote }}
  {{- if .Values.extra }}
  extra: "yes"
  {{- end }}
Y
cat >"$m/chart/templates/deploy.yaml" <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: demo}
spec:
  replicas: 1
  selector: {matchLabels: {app: demo}}
  template:
    metadata: {labels: {app: demo}}
    spec:
      containers:
      - {name: app, image: nginx}
Y
cat >"$m/chart/templates/secret.yaml" <<'Y'
apiVersion: v1
kind: Secret
metadata: {name: demo-secret}
stringData: {token: abc}
Y
check "helm install, list, upgrade, history, rollback, get values, uninstall" '
  $H install demo "$m/chart" -n default | grep -q "STATUS: deployed"
  $H list -n default | grep -Eq "^demo[[:space:]]+default[[:space:]]+1[[:space:]].*deployed"
  $K get secret sh.helm.release.v1.demo.v1 -o jsonpath="{.type} {.metadata.labels.owner} {.metadata.labels.status}" | grep -qx "helm.sh/release.v1 helm deployed"
  $K get cm demo-config -o jsonpath="{.data.extra}" | grep -qx yes
  $H upgrade demo "$m/chart" --set extra=false -n default | grep -q "STATUS: deployed"
  [ -z "$($K get cm demo-config -o jsonpath="{.data.extra}")" ]
  $H history demo -n default | grep -q superseded
  $H get values demo -n default | grep -q "extra: false"
  $H rollback demo 1 -n default
  $K get cm demo-config -o jsonpath="{.data.extra}" | grep -qx yes
  $H history demo -n default | grep -Eq "^3[[:space:]].*deployed"
  $H uninstall demo -n default
  fails $K get cm demo-config 2>/dev/null
  [ -z "$($K get secrets -l owner=helm -o name)" ]'
mkdir -p "$m/wchart/templates"
printf "apiVersion: v2\nname: workloads\nversion: 0.1.0\n" >"$m/wchart/Chart.yaml"
cat >"$m/wchart/templates/all.yaml" <<'Y'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 1
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - {name: db, image: postgres}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations: {"helm.sh/hook": pre-install, "helm.sh/hook-delete-policy": hook-succeeded}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: m, image: busybox}
Y
check "helm: pre-install hook Job, StatefulSet, --wait=legacy" '
  $H install wl "$m/wchart" -n team-a --wait=legacy --timeout 60s | grep -q "STATUS: deployed"
  $K get pod db-0 -n team-a -o jsonpath="{.status.phase}" | grep -qx Running
  fails $K get job migrate -n team-a 2>/dev/null
  $H uninstall wl -n team-a
  fails $K get sts db -n team-a 2>/dev/null'
check "helm install --wait (watcher) and --create-namespace" '
  $H install keep "$m/chart" -n team-b --create-namespace --wait --timeout 60s | grep -q "STATUS: deployed"
  $K get ns team-b -o jsonpath="{.status.phase}" | grep -qx Active'

rv_before=$($K get cm cfg -n team-a -o jsonpath="{.metadata.uid} {.metadata.resourceVersion}" 2>/dev/null)
stop_server
start_server
export rv_before
check "restart on the same data dir keeps everything" '
  [ "$($K get cm cfg -n team-a -o jsonpath="{.metadata.uid} {.metadata.resourceVersion}")" = "$rv_before" ]
  $H list -n team-b | grep -Eq "^keep[[:space:]]+team-b[[:space:]]+1[[:space:]].*deployed"
  $K get deploy api -o jsonpath="{.spec.replicas}" | grep -qx 3
  $K get wd w1 -o name | grep -q w1
  $K get --raw "/api/v1/namespaces/team-a/configmaps?watch=true&resourceVersion=1&timeoutSeconds=1" | grep -q "\"code\":410"
  $H uninstall keep -n team-b'
