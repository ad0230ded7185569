import { expectedFlows } from './support/deploy-facts';
import { NetworkPolicySpec, allowedFlows } from './support/network-flows';
import { K8sObject, renderOverlay } from './support/kustomize';

describe.each(['dev', 'prod'] as const)('deploy/k8s/overlays/%s NetworkPolicies', (overlay) => {
  let objects: K8sObject[];

  beforeAll(() => {
    objects = renderOverlay(overlay);
  }, 120_000);

  it('deny all traffic of every pod by default', () => {
    const denyAll = objects.filter((object) => {
      const spec = object.spec as NetworkPolicySpec;
      return object.kind === 'NetworkPolicy' && Object.keys(spec.podSelector).length === 0 && !spec.ingress && !spec.egress;
    });
    expect(denyAll.map((policy) => [...(policy.spec as NetworkPolicySpec).policyTypes].sort())).toEqual([['Egress', 'Ingress']]);
  });

  it('allow exactly the architecture\'s flows: the Ingress controller and Prometheus in, DNS, datastores and providers out, no service to service', () => {
    expect(allowedFlows(objects)).toEqual(expectedFlows(overlay));
  });

  it('the flow reading sees a policy that lets one service call another', () => {
    const extra: K8sObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'leak' },
      spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'session-cycle' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'notifier' } } }] }] },
    };
    expect(allowedFlows([...objects, extra])).toContain('ingress session-cycle:all from pod(notifier)');
  });
});
