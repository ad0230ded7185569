import type { K8sObject } from './kustomize';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}
interface Peer {
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}
export interface NetworkPolicySpec {
  podSelector: LabelSelector;
  policyTypes: ('Ingress' | 'Egress')[];
  ingress?: Rule[];
  egress?: Rule[];
}

interface Pod {
  name: string;
  labels: Record<string, string>;
  ports: Record<string, number>;
}

/** The pods the overlay runs (one per Deployment or StatefulSet template), named by app.kubernetes.io/name. */
export function podsOf(objects: K8sObject[]): Pod[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet')
    .map((object) => {
      const template = (object.spec as { template: { metadata: { labels: Record<string, string> }; spec: { containers: { ports?: { name?: string; containerPort: number }[] }[] } } }).template;
      const ports = Object.fromEntries(template.spec.containers.flatMap((container) => container.ports ?? []).map((port) => [port.name ?? String(port.containerPort), port.containerPort]));
      return { name: template.metadata.labels['app.kubernetes.io/name'], labels: template.metadata.labels, ports };
    });
}

export function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  const exact = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const expressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    return !(key in labels);
  });
  return exact && expressions;
}

const describeSelector = (kind: string, selector: LabelSelector) => {
  if (selector.matchExpressions?.length) throw new Error(`${kind} selectors with expressions are not described here`);
  return `${kind}(${Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`).join(',')})`;
};

/** A peer as a flow names it: `any`, `ns(...)`, `ns(...)+pod(...)`, or `pod(<name>)` for each pod of this namespace it selects. */
function describePeers(peers: Peer[] | undefined, pods: Pod[]): string[] {
  if (!peers || peers.length === 0) return ['any'];
  return peers.flatMap((peer) => {
    if (peer.ipBlock) return [`ip(${peer.ipBlock.cidr})`];
    if (peer.namespaceSelector) {
      const namespace = describeSelector('ns', peer.namespaceSelector);
      return [peer.podSelector ? `${namespace}+${describeSelector('pod', peer.podSelector)}` : namespace];
    }
    return pods.filter((pod) => selects(peer.podSelector ?? {}, pod.labels)).map((pod) => `pod(${pod.name})`);
  });
}

function describePorts(ports: PolicyPort[] | undefined, pod?: Pod): string[] {
  if (!ports || ports.length === 0) return ['all'];
  return ports.map((port) => {
    const number = typeof port.port === 'string' ? pod?.ports[port.port] : port.port;
    if (number === undefined) throw new Error(`named port ${String(port.port)} is not a port of ${pod?.name ?? 'the peer'}`);
    return `${number}/${port.protocol ?? 'TCP'}`;
  });
}

/** Every flow the overlay's NetworkPolicies allow, in the notation of `expectedFlows`. */
export function allowedFlows(objects: K8sObject[]): string[] {
  const pods = podsOf(objects);
  const flows = new Set<string>();
  for (const policy of objects.filter((object) => object.kind === 'NetworkPolicy')) {
    const spec = policy.spec as NetworkPolicySpec;
    for (const pod of pods.filter((candidate) => selects(spec.podSelector, candidate.labels))) {
      for (const rule of spec.ingress ?? []) {
        for (const port of describePorts(rule.ports, pod)) for (const peer of describePeers(rule.from, pods)) flows.add(`ingress ${pod.name}:${port} from ${peer}`);
      }
      for (const rule of spec.egress ?? []) {
        if ((rule.ports ?? []).some((port) => typeof port.port === 'string')) {
          // A named port is each destination pod's own: resolve it per pod of this namespace the rule selects.
          if (!rule.to?.every((peer) => peer.podSelector && !peer.namespaceSelector && !peer.ipBlock)) throw new Error('named egress ports need pod peers');
          const peers = pods.filter((candidate) => rule.to?.some((peer) => selects(peer.podSelector ?? {}, candidate.labels)));
          for (const peer of peers) for (const port of describePorts(rule.ports, peer)) flows.add(`egress ${pod.name} to pod(${peer.name}) ${port}`);
          continue;
        }
        for (const port of describePorts(rule.ports)) for (const peer of describePeers(rule.to, pods)) flows.add(`egress ${pod.name} to ${peer} ${port}`);
      }
    }
  }
  return [...flows].sort();
}
