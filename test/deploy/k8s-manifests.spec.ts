import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from '@choice-sherpa/platform';
import { EXTERNAL_SECRETS, PROBE_PATHS, ROUTED_SERVICES, SERVICE_NAMES, SERVICE_PORTS } from './support/deploy-facts';
import { schemaErrors, unknownFieldErrors } from './support/k8s-schema';
import { named, unhashed, Workload, workloads } from './support/k8s-objects';
import { K8sObject, Overlay, renderOverlay } from './support/kustomize';

const rendered: Record<Overlay, K8sObject[]> = { dev: [], prod: [] };

beforeAll(() => {
  rendered.dev = renderOverlay('dev');
  rendered.prod = renderOverlay('prod');
}, 120_000);

/** The API server's base64 decoder skips line breaks (kustomize wraps long values); the schema's pattern does not. */
const asSent = (object: K8sObject): K8sObject =>
  object.kind === 'Secret' ? { ...object, data: Object.fromEntries(Object.entries((object.data as Record<string, string>) ?? {}).map(([key, value]) => [key, value.replace(/\s+/g, '')])) } : object;

describe('deploy/k8s renders and validates', () => {
  it.each(['dev', 'prod'] as const)('%s: every document validates against its kind\'s Kubernetes schema', async (overlay) => {
    expect(rendered[overlay].length).toBeGreaterThan(30);
    expect(await schemaErrors(rendered[overlay].map(asSent))).toEqual([]);
  });

  it('no document of either overlay has a field its kind does not know (and the check finds one)', () => {
    expect(unknownFieldErrors([...rendered.dev, ...rendered.prod])).toEqual([]);
    const broken = structuredClone(named<Workload>(rendered.prod, 'Deployment', 'notifier'));
    (broken.spec.template.spec.containers[0].securityContext as Record<string, unknown>).readOnlyRootFileSystem = true;
    expect(unknownFieldErrors([broken]).join('\n')).toMatch(/readOnlyRootFileSystem/);
  }, 120_000);
});

describe.each(['dev', 'prod'] as const)('deploy/k8s/overlays/%s', (overlay) => {
  const objects = () => rendered[overlay];
  const deployment = (service: string) => named<Workload>(objects(), 'Deployment', service);

  it('has per service a Deployment, a ServiceAccount without an API token, its ConfigMap, and a Service when routed', () => {
    for (const service of SERVICE_NAMES) {
      expect(deployment(service).spec.template.spec.serviceAccountName).toBe(service);
      expect(named(objects(), 'ServiceAccount', service).automountServiceAccountToken).toBe(false);
      expect(deployment(service).spec.template.spec.automountServiceAccountToken).toBe(false);
      expect(objects().some((object) => object.kind === 'ConfigMap' && unhashed(object.metadata.name) === `${service}-config`)).toBe(true);
      const services = objects().filter((object) => object.kind === 'Service' && object.metadata.name === service);
      expect({ service, hasService: services.length === 1 }).toEqual({ service, hasService: ROUTED_SERVICES.includes(service) });
    }
  });

  it('runs every pod under the restricted Pod Security Standard, enforced on the namespace', () => {
    const namespace = objects().find((object) => object.kind === 'Namespace');
    expect(namespace?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const workload of workloads(objects())) {
      const pod = workload.spec.template.spec;
      expect({ name: workload.metadata.name, ...pod.securityContext }).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      for (const container of pod.containers) {
        expect({ name: workload.metadata.name, ...container.securityContext }).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      }
    }
  });

  it('gives each service a writable /tmp (emptyDir) and nothing else writable', () => {
    for (const service of SERVICE_NAMES) {
      const pod = deployment(service).spec.template.spec;
      expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
      expect(pod.volumes).toEqual([expect.objectContaining({ name: 'tmp', emptyDir: expect.anything() })]);
    }
  });

  it('probes startup and liveness on /health/live and readiness on /health/ready, on the service\'s port', () => {
    for (const service of SERVICE_NAMES) {
      const [container] = deployment(service).spec.template.spec.containers;
      expect(container.ports).toEqual([{ name: 'http', containerPort: SERVICE_PORTS[service] }]);
      expect(container.startupProbe?.httpGet).toEqual({ path: PROBE_PATHS.live, port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: PROBE_PATHS.live, port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: PROBE_PATHS.ready, port: 'http' });
    }
  });

  it('requests CPU and memory and limits memory', () => {
    for (const workload of workloads(objects())) {
      for (const container of workload.spec.template.spec.containers) {
        expect(Object.keys(container.resources?.requests ?? {}).sort(), workload.metadata.name).toEqual(['cpu', 'memory']);
        expect(container.resources?.limits?.memory, workload.metadata.name).toMatch(/^\d+[MG]i$/);
      }
    }
  });

  it('waits before SIGTERM and grants longer than the drain before SIGKILL', () => {
    for (const service of SERVICE_NAMES) {
      const pod = deployment(service).spec.template.spec;
      const preStop = pod.containers[0].lifecycle?.preStop?.sleep?.seconds ?? 0;
      expect(preStop).toBeGreaterThan(0);
      expect((pod.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(preStop * 1000 + DEFAULT_SHUTDOWN_TIMEOUT_MS);
    }
  });

  it('spreads each service\'s pods over zones and nodes', () => {
    for (const service of SERVICE_NAMES) {
      const { template } = deployment(service).spec;
      const constraints = template.spec.topologySpreadConstraints ?? [];
      expect(constraints.map((constraint) => constraint.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
      for (const constraint of constraints) {
        const selected = Object.entries(constraint.labelSelector.matchLabels).every(([key, value]) => template.metadata.labels[key] === value);
        expect(selected && (constraint.matchLabelKeys ?? []).includes('app.kubernetes.io/name')).toBe(true);
      }
    }
  });

  it('announces /metrics on the service port to Prometheus', () => {
    for (const service of SERVICE_NAMES) {
      expect(deployment(service).spec.template.metadata.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(SERVICE_PORTS[service]),
        'prometheus.io/path': PROBE_PATHS.metrics,
      });
    }
  });

  it('references only Secrets the overlay generates or the cluster provides by name', () => {
    const generated = objects().filter((object) => object.kind === 'Secret').map((object) => object.metadata.name);
    const referenced = workloads(objects()).flatMap((workload) =>
      workload.spec.template.spec.containers.flatMap((container) => (container.env ?? []).flatMap((variable) => variable.valueFrom?.secretKeyRef?.name ?? [])),
    );
    for (const name of referenced) expect({ name, known: generated.includes(name) || EXTERNAL_SECRETS[overlay].includes(name) }).toEqual({ name, known: true });
    if (overlay === 'prod') expect(generated).toEqual([]);
  });
});

describe('deploy/k8s/overlays/prod (production)', () => {
  it('keeps at least two replicas of every service under an autoscaler, and sets no replica count that would fight it', () => {
    for (const service of SERVICE_NAMES) {
      const hpa = named(rendered.prod, 'HorizontalPodAutoscaler', service) as K8sObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number } };
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: service });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(named<Workload>(rendered.prod, 'Deployment', service).spec.replicas).toBeUndefined();
    }
  });

  it('has a PodDisruptionBudget for every service that leaves at least one pod serving', () => {
    for (const service of SERVICE_NAMES) {
      const pdb = named(rendered.prod, 'PodDisruptionBudget', service) as K8sObject & { spec: { maxUnavailable?: number; selector: { matchLabels: Record<string, string> } } };
      expect(pdb.spec.maxUnavailable).toBe(1);
      const labels = named<Workload>(rendered.prod, 'Deployment', service).spec.template.metadata.labels;
      expect(Object.entries(pdb.spec.selector.matchLabels).every(([key, value]) => labels[key] === value)).toBe(true);
    }
  });

  it('runs no PostgreSQL or Redis of its own: both are external', () => {
    expect(rendered.prod.filter((object) => object.kind === 'StatefulSet' || object.kind === 'PersistentVolumeClaim')).toEqual([]);
  });

  it('serves one public host over TLS', () => {
    const ingress = named(rendered.prod, 'Ingress', 'choice-sherpa') as K8sObject & { spec: { rules: { host?: string }[]; tls: { hosts: string[]; secretName: string }[] } };
    expect(ingress.spec.rules.map((rule) => rule.host)).toEqual([ingress.spec.tls[0].hosts[0]]);
    expect(ingress.spec.tls[0].secretName).toBe('choice-sherpa-tls');
  });
});

describe('deploy/k8s/overlays/dev (trying it out)', () => {
  it('runs one replica of each service', () => {
    for (const service of SERVICE_NAMES) expect(named<Workload>(rendered.dev, 'Deployment', service).spec.replicas).toBe(1);
    expect(rendered.dev.filter((object) => object.kind === 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('runs PostgreSQL and Redis in the cluster on volumes, Redis with AOF fsynced every second', () => {
    const postgres = named(rendered.dev, 'StatefulSet', 'postgres') as Workload & { spec: { volumeClaimTemplates: unknown[] } };
    const redis = named(rendered.dev, 'StatefulSet', 'redis') as Workload & { spec: { volumeClaimTemplates: unknown[] } };
    expect(postgres.spec.template.spec.containers[0].image).toMatch(/^postgres:1[6-9]/);
    expect(redis.spec.template.spec.containers[0].image).toMatch(/^redis:7\.\d+/);
    expect(postgres.spec.volumeClaimTemplates).toHaveLength(1);
    expect(redis.spec.volumeClaimTemplates).toHaveLength(1);
    const args = redis.spec.template.spec.containers[0].args ?? [];
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect([option('--appendonly'), option('--appendfsync'), option('--maxmemory-policy')]).toEqual(['yes', 'everysec', 'noeviction']);
  });
});
