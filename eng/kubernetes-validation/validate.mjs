// Validates every object of the YAML streams given as arguments (`kubectl kustomize` output) against the schema of
// its apiVersion and kind, from the kubernetes-models packages; prints a JSON report, exits 1 if any object fails.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// Which package carries the schemas of an API group; the core group ("v1") and the built-in groups are kubernetes-models'.
const packageOf = (group) =>
  group.endsWith(".istio.io") ? "@kubernetes-models/istio"
  : group === "keda.sh" || group === "eventing.keda.sh" ? "@kubernetes-models/keda"
  : group === "monitoring.coreos.com" ? "@kubernetes-models/prometheus-operator"
  : "kubernetes-models";

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group ? `${packageOf(group)}/${group}/${version}` : `kubernetes-models/${version}`;
  const module = await import(path);
  return module[kind];
}

const report = { objects: 0, kinds: {}, errors: [] };
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      report.errors.push({ file, error: document.errors.map((e) => e.message).join("; ") });
      continue;
    }
    const object = document.toJS();
    if (object === null) continue;
    report.objects++;
    const id = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    report.kinds[`${object.apiVersion}/${object.kind}`] = (report.kinds[`${object.apiVersion}/${object.kind}`] ?? 0) + 1;
    let Model;
    try {
      Model = await modelOf(object.apiVersion, object.kind);
    } catch (e) {
      Model = undefined;
    }
    if (typeof Model !== "function") {
      report.errors.push({ file, object: id, error: "no schema for this apiVersion and kind" });
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      report.errors.push({ file, object: id, error: e.message });
    }
  }
}
console.log(JSON.stringify(report, null, 2));
process.exit(report.errors.length === 0 ? 0 : 1);
