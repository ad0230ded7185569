import { ENTRY_ROUTES, ServiceName, SettingSpec } from '@choice-sherpa/platform';
import { ENTRY_POINT_SETTINGS, loadEntryPointSettings } from '../../hosts/entry-point/entry-point.settings';
import { exampleEnv, loadCompose } from './support/compose-file';
import { ENTRY_COMMAND, IMAGE_NAME, PROBE_PATHS, SERVICE_NAMES, SERVICE_PORTS, serviceCommand } from './support/deploy-facts';
import { containerEnvironment, EnvSource, named, unhashed, Workload } from './support/k8s-objects';
import { K8sObject, Overlay, renderOverlay } from './support/kustomize';
import { loadServiceSettings, missingRequired, unknownSettings } from './support/service-settings';

/**
 * The same facts in every shape: docker-compose.yml and both Kubernetes overlays give each service what it
 * requires, route what ENTRY_ROUTES routes, and agree on ports, probe paths, images and commands.
 */
const overlays: Overlay[] = ['dev', 'prod'];
const rendered: Partial<Record<Overlay, K8sObject[]>> = {};
let settings: Record<ServiceName, readonly SettingSpec[]>;

beforeAll(async () => {
  for (const overlay of overlays) rendered[overlay] = renderOverlay(overlay);
  settings = await loadServiceSettings();
}, 120_000);

const objectsOf = (overlay: Overlay) => rendered[overlay] ?? [];
const containerOf = (overlay: Overlay, service: string) => named<Workload>(objectsOf(overlay), 'Deployment', service).spec.template.spec.containers[0];
const k8sEnvironment = (overlay: Overlay, service: string): Map<string, EnvSource> => containerEnvironment(objectsOf(overlay), containerOf(overlay, service));

describe.each(overlays)('Kubernetes overlay %s: settings', (overlay) => {
  it('gives every service each setting it requires (PLATFORM_SETTINGS and its own list), and nothing it does not read', () => {
    for (const service of SERVICE_NAMES) {
      const provided = [...k8sEnvironment(overlay, service).keys()];
      expect({ service, missing: missingRequired(settings[service], new Set(provided)) }).toEqual({ service, missing: [] });
      expect({ service, unknown: unknownSettings(settings[service], provided) }).toEqual({ service, unknown: [] });
    }
  });

  it('takes every secret setting from a Secret, never from a ConfigMap or a literal', () => {
    for (const service of SERVICE_NAMES) {
      const secretNames = new Set(settings[service].filter((setting) => setting.secret).map((setting) => setting.name));
      for (const [name, source] of k8sEnvironment(overlay, service)) {
        if (secretNames.has(name)) expect({ service, name, from: source.from }).toEqual({ service, name, from: 'secret' });
      }
    }
  });

  it('the check fails for a service whose required setting is missing', () => {
    const container = structuredClone(containerOf(overlay, 'session-cycle'));
    container.env = (container.env ?? []).filter((variable) => variable.name !== 'REDIS_URL');
    const provided = new Set(containerEnvironment(objectsOf(overlay), container).keys());
    expect(missingRequired(settings['session-cycle'], provided)).toContain('REDIS_URL');
  });
});

describe('the same facts in compose and both overlays', () => {
  const compose = loadCompose(exampleEnv());

  it('each service listens on its API.md port everywhere, with the same probe paths', () => {
    for (const service of SERVICE_NAMES) {
      expect(compose.services[service].environment?.PORT).toBe(String(SERVICE_PORTS[service]));
      expect(compose.services[service].healthcheck?.test).toContain(PROBE_PATHS.ready);
      for (const overlay of overlays) {
        const container = containerOf(overlay, service);
        const port = k8sEnvironment(overlay, service).get('PORT');
        expect(port?.from).toBe('configMap');
        const configMap = named(objectsOf(overlay), 'ConfigMap', port?.object ?? '') as K8sObject & { data: Record<string, string> };
        expect(configMap.data.PORT).toBe(String(SERVICE_PORTS[service]));
        expect(container.ports?.[0].containerPort).toBe(SERVICE_PORTS[service]);
        expect(container.readinessProbe?.httpGet?.path).toBe(PROBE_PATHS.ready);
      }
    }
  });

  it('every shape runs the one image with the same command per service', () => {
    for (const service of SERVICE_NAMES) {
      expect(compose.services[service].image?.split(':')[0]).toBe(IMAGE_NAME);
      expect(compose.services[service].command).toEqual(serviceCommand(service));
      for (const overlay of overlays) {
        const container = containerOf(overlay, service);
        expect(container.image).toMatch(new RegExp(`(^|/)${IMAGE_NAME}:[\\w.-]+$`));
        expect(container.command).toEqual(serviceCommand(service));
      }
    }
    expect(compose.services.entry.command).toEqual(ENTRY_COMMAND);
    for (const overlay of overlays) {
      expect(containerOf(overlay, 'web').command).toEqual(ENTRY_COMMAND);
      expect(containerOf(overlay, 'web').image).toBe(containerOf(overlay, 'notifier').image);
    }
    expect(containerOf('dev', 'notifier').image).toBe(`${IMAGE_NAME}:local`);
    expect(containerOf('prod', 'notifier').image).not.toMatch(/:local$|:latest$/);
  });

  it.each(overlays)('%s: the Ingress routes exactly ENTRY_ROUTES (services, and / to web)', (overlay) => {
    const ingress = named(objectsOf(overlay), 'Ingress', 'choice-sherpa') as K8sObject & {
      spec: { rules: { http: { paths: { path: string; pathType: string; backend: { service: { name: string; port: { name: string } } } }[] } }[] };
    };
    expect(ingress.spec.rules).toHaveLength(1);
    const routes = ingress.spec.rules[0].http.paths.map((path) => ({ prefix: path.path, target: path.backend.service.name, pathType: path.pathType, port: path.backend.service.port.name }));
    const expected = ENTRY_ROUTES.map((route) => ({ prefix: route.prefix, target: route.target, pathType: 'Prefix', port: 'http' }));
    expect(routes).toEqual(expected);
    for (const route of routes) expect(unhashed(named(objectsOf(overlay), 'Service', route.target).metadata.name)).toBe(route.target);
  });

  it.each(overlays)('%s: web runs the entry point with only settings it reads, in front of each Service', (overlay) => {
    const environment = k8sEnvironment(overlay, 'web');
    expect(unknownSettings(ENTRY_POINT_SETTINGS, [...environment.keys()])).toEqual([]);
    const values = Object.fromEntries(
      [...environment].map(([name, source]) => [name, (named(objectsOf(overlay), 'ConfigMap', source.object ?? '') as K8sObject & { data: Record<string, string> }).data[name]]),
    );
    const entry = loadEntryPointSettings(values, '/app');
    for (const service of SERVICE_NAMES) expect(entry.upstreams[service]).toBe(`http://${service}:${SERVICE_PORTS[service]}`);
    expect(containerOf(overlay, 'web').ports?.[0].containerPort).toBe(entry.port);
  });
});
