import type { K8sObject } from './kustomize';

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string }[];
}
export interface Probe {
  httpGet?: { path: string; port: string | number };
}
export interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  topologySpreadConstraints?: { topologyKey: string; labelSelector: { matchLabels: Record<string, string> }; matchLabelKeys?: string[] }[];
  volumes?: { name: string; emptyDir?: unknown; persistentVolumeClaim?: unknown }[];
}
export interface Workload extends K8sObject {
  spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec } };
}

export const named = <T extends K8sObject>(objects: K8sObject[], kind: string, name: string): T => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found as T;
};

export const workloads = (objects: K8sObject[]) => objects.filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet') as Workload[];

export interface EnvSource {
  from: 'literal' | 'configMap' | 'secret';
  /** The Secret's or ConfigMap's name for the last two. */
  object?: string;
}

/** Every variable a container starts with and where it comes from (envFrom ConfigMaps resolved from the render). */
export function containerEnvironment(objects: K8sObject[], container: Container): Map<string, EnvSource> {
  const environment = new Map<string, EnvSource>();
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) throw new Error(`envFrom secretRef ${source.secretRef.name}: name each secret setting instead, so the check sees it`);
    const configMap = named(objects, 'ConfigMap', source.configMapRef?.name ?? '') as K8sObject & { data?: Record<string, string> };
    for (const key of Object.keys(configMap.data ?? {})) environment.set(key, { from: 'configMap', object: configMap.metadata.name });
  }
  for (const variable of container.env ?? []) {
    if (variable.valueFrom?.secretKeyRef) environment.set(variable.name, { from: 'secret', object: variable.valueFrom.secretKeyRef.name });
    else if (variable.valueFrom?.configMapKeyRef) environment.set(variable.name, { from: 'configMap', object: variable.valueFrom.configMapKeyRef.name });
    else environment.set(variable.name, { from: 'literal' });
  }
  return environment;
}

/** A generated name without kustomize's hash suffix (`choice-sherpa-auth-7ccfbf5d66` → `choice-sherpa-auth`). */
export const unhashed = (name: string) => name.replace(/-[a-z0-9]{10}$/, '');
